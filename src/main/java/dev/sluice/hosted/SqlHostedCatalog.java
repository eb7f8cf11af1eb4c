package dev.sluice.hosted;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectList;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import dev.sluice.util.Digests;
import dev.sluice.util.Micros;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link HostedCatalog} in SQL, through JDBI. */
final class SqlHostedCatalog implements HostedCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(SqlHostedCatalog.class);
    private static final String FILE_COLUMNS = "filename, version, packagetype, python_version, size, sha256, md5,"
            + " blake2b_256, requires_python, metadata_sha256, upload_micros, yanked, yank_reason";

    private final Jdbi jdbi;

    SqlHostedCatalog(Jdbi jdbi) {
        this.jdbi = jdbi;
        fillInSlots();
    }

    /** Gives files stored before slots existed (migration V8) theirs, once; a clash already stored is left as it is. */
    private void fillInSlots() {
        jdbi.useHandle(h -> {
            for (String table : List.of("distribution_file", "burned_filename")) {
                List<String[]> rows = h.createQuery("SELECT project, filename FROM " + table + " WHERE slot IS NULL")
                        .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list();
                for (String[] row : rows) {
                    String slot;
                    try {
                        slot = slotKey(DistributionFilename.parse(row[1], ProjectName.of(row[0])).slot());
                    } catch (RuntimeException unreadable) {
                        continue; // stored under older rules; its filename still guards it
                    }
                    try {
                        h.createUpdate("UPDATE " + table + " SET slot = :s WHERE filename = :f").bind("s", slot)
                                .bind("f", row[1]).execute();
                    } catch (RuntimeException clash) {
                        LOG.warn("{} shares its slot with another file of {} stored before slots were checked", row[1], row[0]);
                    }
                }
            }
        });
    }

    /** The stored form of a slot: its SHA-256, since an expanded tag set can be long. */
    static String slotKey(String slot) {
        return Digests.of(slot.getBytes(java.nio.charset.StandardCharsets.UTF_8)).sha256();
    }

    @Override
    public ProjectList projects() {
        return ProjectList.lazy(jdbi.withHandle(SqlHostedCatalog::currentSerial),
                entries(h -> h.createQuery("SELECT display_name, name, last_serial FROM project ORDER BY name")));
    }

    /**
     * A list's entries, read with a cursor as the list is rendered (the rows are never all in memory); the query
     * selects display name, name and serial, in name order.
     */
    private ProjectList.Entries entries(java.util.function.Function<org.jdbi.v3.core.Handle, org.jdbi.v3.core.statement.Query> query) {
        return () -> {
            org.jdbi.v3.core.Handle h = jdbi.open();
            try {
                return query.apply(h).map((rs, ctx) -> new ProjectList.Entry(rs.getString(1), rs.getString(2), rs.getLong(3)))
                        .stream().onClose(h::close);
            } catch (RuntimeException e) {
                h.close();
                throw e;
            }
        };
    }

    @Override
    public ProjectList projectsAsOf(Instant at) {
        long micros = Micros.of(at);
        long serial = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(serial), 0) FROM distribution_file"
                + " WHERE upload_micros <= :at").bind("at", micros).mapTo(Long.class).one());
        return ProjectList.lazy(serial, "as-of-" + micros + "-" + serial, entries(h -> h.createQuery(
                "SELECT p.display_name, p.name, MAX(f.serial) FROM project p JOIN distribution_file f ON f.project = p.name"
                        + " WHERE f.upload_micros <= :at GROUP BY p.name, p.display_name ORDER BY p.name").bind("at", micros)));
    }

    @Override
    public Optional<StoredProject> project(String normalizedName) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, display_name, last_serial FROM project WHERE name = :name")
                .bind("name", normalizedName)
                .map((rs, ctx) -> new StoredProject(rs.getString(1), rs.getString(2), rs.getLong(3))).findOne());
    }

    @Override
    public List<DistributionFile> files(String normalizedName) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + FILE_COLUMNS + " FROM distribution_file WHERE project = :name")
                .bind("name", normalizedName).map((rs, ctx) -> file(rs)).list());
    }

    @Override
    public FilenameState filenameState(String normalizedName, String filename, String slot) {
        return jdbi.withHandle(h -> filenameState(h, normalizedName, filename, slotKey(slot)));
    }

    @Override
    public List<String> versions(String normalizedName) {
        return jdbi.withHandle(h -> h.createQuery("SELECT version FROM project_release WHERE project = :p")
                .bind("p", normalizedName).mapTo(String.class).list());
    }

    private static FilenameState filenameState(Handle h, String project, String filename, String slotKey) {
        Optional<FilenameState> taken = h.createQuery("SELECT project, filename, sha256 FROM distribution_file"
                        + " WHERE filename = :f OR (project = :p AND slot = :s) ORDER BY CASE WHEN filename = :f THEN 0 ELSE 1 END")
                .bind("f", filename).bind("p", project).bind("s", slotKey)
                .map((rs, ctx) -> (FilenameState) new FilenameState.Taken(rs.getString(1), rs.getString(2), rs.getString(3)))
                .findFirst();
        if (taken.isPresent()) {
            return taken.get();
        }
        boolean burned = h.createQuery("SELECT COUNT(*) FROM burned_filename WHERE filename = :f OR (project = :p AND slot = :s)")
                .bind("f", filename).bind("p", project).bind("s", slotKey).mapTo(Integer.class).one() > 0;
        return burned ? new FilenameState.Burned() : new FilenameState.Free();
    }

    @Override
    public long publish(NewDistribution d) {
        return jdbi.inTransaction(h -> {
            DistributionFile f = d.file();
            String slotKey = slotKey(d.slot());
            FilenameState state = filenameState(h, d.normalizedName(), f.filename(), slotKey);
            if (!(state instanceof FilenameState.Free)) {
                throw new FilenameUnavailableException(f.filename(), state);
            }
            long serial = nextSerial(h);
            long now = Micros.of(Instant.now());
            int updated = h.createUpdate("UPDATE project SET last_serial = :serial WHERE name = :name")
                    .bind("serial", serial).bind("name", d.normalizedName()).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO project (name, display_name, last_serial, created_micros)"
                                + " VALUES (:name, :display, :serial, :now)")
                        .bind("name", d.normalizedName()).bind("display", d.displayName()).bind("serial", serial)
                        .bind("now", now).execute();
            }
            boolean releaseExists = h.createQuery("SELECT COUNT(*) FROM project_release WHERE project = :p AND version = :v")
                    .bind("p", d.normalizedName()).bind("v", f.version()).mapTo(Integer.class).one() > 0;
            if (!releaseExists) {
                h.createUpdate("INSERT INTO project_release (project, version, metadata_json, created_micros)"
                                + " VALUES (:p, :v, :json, :now)")
                        .bind("p", d.normalizedName()).bind("v", f.version()).bind("json", d.releaseMetadataJson())
                        .bind("now", now).execute();
            }
            h.createUpdate("INSERT INTO distribution_file (project, uploaded_by, slot, serial, " + FILE_COLUMNS + ") VALUES"
                            + " (:project, :uploadedBy, :slot, :serial, :filename, :version, :packagetype, :pythonVersion, :size, :sha256, :md5,"
                            + " :blake2b, :requiresPython, :metadataSha256, :uploadMicros, :yanked, :yankReason)")
                    .bind("project", d.normalizedName()).bind("uploadedBy", d.uploadedBy()).bind("slot", slotKey)
                    .bind("serial", serial)
                    .bind("filename", f.filename()).bind("version", f.version()).bind("packagetype", f.packagetype())
                    .bind("pythonVersion", f.pythonVersion()).bind("size", f.size()).bind("sha256", f.sha256())
                    .bind("md5", f.md5()).bind("blake2b", f.blake2b256()).bind("requiresPython", f.requiresPython())
                    .bind("metadataSha256", f.coreMetadataSha256()).bind("uploadMicros", Micros.of(f.uploadTime()))
                    .bind("yanked", f.yanked()).bind("yankReason", f.yankReason()).execute();
            return serial;
        });
    }

    @Override
    public Optional<String> releaseMetadataJson(String normalizedName, String version) {
        return jdbi.withHandle(h -> h.createQuery("SELECT metadata_json FROM project_release WHERE project = :p AND version = :v")
                .bind("p", normalizedName).bind("v", version).mapTo(String.class).findOne());
    }

    @Override
    public int setYanked(String normalizedName, String version, String filename, boolean yanked, String reason) {
        return jdbi.inTransaction(h -> {
            Update update = h.createUpdate("UPDATE distribution_file SET yanked = :yanked, yank_reason = :reason"
                            + " WHERE project = :p AND version = :v" + (filename == null ? "" : " AND filename = :f"))
                    .bind("yanked", yanked).bind("reason", yanked ? (reason == null ? "" : reason) : null)
                    .bind("p", normalizedName).bind("v", version);
            if (filename != null) {
                update.bind("f", filename);
            }
            int changed = update.execute();
            if (changed > 0) {
                touchProject(h, normalizedName);
            }
            return changed;
        });
    }

    @Override
    public int delete(String normalizedName, String version, String filename) {
        return jdbi.inTransaction(h -> delete(h, normalizedName, version, filename));
    }

    private static int delete(Handle h, String normalizedName, String version, String filename) {
        List<String[]> deleted = h.createQuery("SELECT filename, slot FROM distribution_file WHERE project = :p AND version = :v"
                        + (filename == null ? "" : " AND filename = :f"))
                .bind("p", normalizedName).bind("v", version).bind("f", filename)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        long now = Micros.of(Instant.now());
        List<String> filenames = new java.util.ArrayList<>();
        for (String[] file : deleted) {
            h.createUpdate("DELETE FROM distribution_file WHERE filename = :f").bind("f", file[0]).execute();
            h.createUpdate("INSERT INTO burned_filename (filename, project, slot, burned_micros) VALUES (:f, :p, :s, :now)")
                    .bind("f", file[0]).bind("p", normalizedName).bind("s", file[1]).bind("now", now).execute();
            filenames.add(file[0]);
        }
        boolean releaseEmpty = h.createQuery("SELECT COUNT(*) FROM distribution_file WHERE project = :p AND version = :v")
                .bind("p", normalizedName).bind("v", version).mapTo(Integer.class).one() == 0;
        if (releaseEmpty) {
            h.createUpdate("DELETE FROM project_release WHERE project = :p AND version = :v")
                    .bind("p", normalizedName).bind("v", version).execute();
        }
        if (!filenames.isEmpty()) {
            touchProject(h, normalizedName);
        }
        return filenames.size();
    }

    @Override
    public boolean claim(String normalizedName, String claimedBy, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO name_claim (project, claimed_by, claimed_micros) VALUES (:p, :by, :at)"
                + " ON CONFLICT (project) DO NOTHING").bind("p", normalizedName).bind("by", claimedBy).bind("at", Micros.of(at))
                .execute()) == 1;
    }

    @Override
    public boolean isClaimed(String normalizedName) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM name_claim WHERE project = :p").bind("p", normalizedName)
                .mapTo(Integer.class).one()) > 0;
    }

    @Override
    public int releaseName(String normalizedName) {
        return jdbi.inTransaction(h -> {
            List<String> versions = h.createQuery("SELECT version FROM project_release WHERE project = :p")
                    .bind("p", normalizedName).mapTo(String.class).list();
            int deleted = 0;
            for (String version : versions) {
                deleted += delete(h, normalizedName, version, null);
            }
            int projects = h.createUpdate("DELETE FROM project WHERE name = :p").bind("p", normalizedName).execute();
            int claims = h.createUpdate("DELETE FROM name_claim WHERE project = :p").bind("p", normalizedName).execute();
            nextSerial(h); // the project list changed
            return projects + claims == 0 ? -1 : deleted;
        });
    }

    private static void touchProject(Handle h, String normalizedName) {
        h.createUpdate("UPDATE project SET last_serial = :serial WHERE name = :name")
                .bind("serial", nextSerial(h)).bind("name", normalizedName).execute();
    }

    private static long nextSerial(Handle h) {
        h.createUpdate("UPDATE serial_counter SET value = value + 1 WHERE id = 1").execute();
        return currentSerial(h);
    }

    private static long currentSerial(Handle h) {
        return h.createQuery("SELECT value FROM serial_counter WHERE id = 1").mapTo(Long.class).one();
    }

    private static DistributionFile file(ResultSet rs) throws SQLException {
        return new DistributionFile(rs.getString("filename"), rs.getString("version"), rs.getString("packagetype"),
                rs.getString("python_version"), rs.getLong("size"), rs.getString("sha256"), rs.getString("md5"),
                rs.getString("blake2b_256"), rs.getString("requires_python"), rs.getString("metadata_sha256") != null,
                rs.getString("metadata_sha256"),
                Micros.toInstant(rs.getLong("upload_micros")), rs.getBoolean("yanked"),
                rs.getString("yank_reason"));
    }

    /** Whether a hosted file or its metadata are these bytes. */
    boolean names(String sha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT 1 FROM distribution_file WHERE sha256 = :sha UNION ALL"
                + " SELECT 1 FROM distribution_file WHERE metadata_sha256 = :sha LIMIT 1")
                .bind("sha", sha256).mapTo(Integer.class).findOne().isPresent());
    }
}
