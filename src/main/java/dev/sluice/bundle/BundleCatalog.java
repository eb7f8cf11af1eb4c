package dev.sluice.bundle;

import dev.sluice.index.DistributionFile;
import dev.sluice.util.Micros;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The files of every bundle source, in SQL: what {@link BundleSource} serves and {@link BundleImport} writes. */
final class BundleCatalog {
    private static final String COLUMNS = "filename, project, display_name, version, packagetype, python_version, size, sha256,"
            + " md5, blake2b_256, requires_python, metadata_sha256, upload_micros, yanked, yank_reason, changed_micros";

    /** One stored file with its project's names and when its row last changed. */
    record Row(String project, String displayName, DistributionFile file, long changedMicros) {}

    private final Jdbi jdbi;

    BundleCatalog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Whether a carried-in file or its metadata are these bytes. */
    boolean names(String sha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT 1 FROM bundle_file WHERE sha256 = :sha UNION ALL"
                + " SELECT 1 FROM bundle_file WHERE metadata_sha256 = :sha LIMIT 1")
                .bind("sha", sha256).mapTo(Integer.class).findOne().isPresent());
    }

    /** The blobs every bundle source's files and metadata name: the only copies here. */
    List<dev.sluice.store.BlobUse> blobUses() {
        return jdbi.withHandle(h -> h.createQuery("SELECT source, filename, sha256, metadata_sha256 FROM bundle_file").map((rs, ctx) -> {
            String what = "carried into " + rs.getString(1) + ": " + rs.getString(2);
            return rs.getString(4) == null ? List.of(new dev.sluice.store.BlobUse(rs.getString(3), what, false))
                    : List.of(new dev.sluice.store.BlobUse(rs.getString(3), what, false),
                            new dev.sluice.store.BlobUse(rs.getString(4), what + ".metadata", false));
        }).list().stream().flatMap(List::stream).toList());
    }

    List<Row> files(String source) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM bundle_file WHERE source = :s")
                .bind("s", source).map((rs, ctx) -> {
                    long uploaded = rs.getLong("upload_micros");
                    String metadata = rs.getString("metadata_sha256");
                    DistributionFile file = new DistributionFile(rs.getString("filename"), rs.getString("version"),
                            rs.getString("packagetype"), rs.getString("python_version"), rs.getLong("size"), rs.getString("sha256"),
                            rs.getString("md5"), rs.getString("blake2b_256"), rs.getString("requires_python"), metadata != null,
                            metadata, uploaded < 0 ? null : Micros.toInstant(uploaded), rs.getBoolean("yanked"), rs.getString("yank_reason"));
                    return new Row(rs.getString("project"), rs.getString("display_name"), file, rs.getLong("changed_micros"));
                }).list());
    }

    /** What this source holds under a filename: its bytes and its yank. */
    record Held(String sha256, boolean yanked, String yankReason) {}

    Optional<Held> held(Handle h, String source, String filename) {
        return h.createQuery("SELECT sha256, yanked, yank_reason FROM bundle_file WHERE source = :s AND filename = :f")
                .bind("s", source).bind("f", filename)
                .map((rs, ctx) -> new Held(rs.getString(1), rs.getBoolean(2), rs.getString(3))).findOne();
    }

    void insert(Handle h, String source, Row row, String bundle) {
        DistributionFile f = row.file();
        h.createUpdate("INSERT INTO bundle_file (source, bundle, " + COLUMNS + ") VALUES (:source, :bundle, :filename, :project,"
                        + " :displayName, :version, :packagetype, :pythonVersion, :size, :sha256, :md5, :blake2b, :requiresPython,"
                        + " :metadataSha256, :uploadMicros, :yanked, :yankReason, :changed)")
                .bind("source", source).bind("bundle", bundle).bind("filename", f.filename()).bind("project", row.project())
                .bind("displayName", row.displayName()).bind("version", f.version()).bind("packagetype", f.packagetype())
                .bind("pythonVersion", f.pythonVersion()).bind("size", f.size()).bind("sha256", f.sha256()).bind("md5", f.md5())
                .bind("blake2b", f.blake2b256()).bind("requiresPython", f.requiresPython())
                .bind("metadataSha256", f.coreMetadataSha256())
                .bind("uploadMicros", f.uploadTime() == null ? -1 : Micros.of(f.uploadTime())).bind("yanked", f.yanked())
                .bind("yankReason", f.yankReason()).bind("changed", row.changedMicros()).execute();
    }

    /** Takes a later bundle's word on a file already here: its yank (a file's bytes never change). */
    void updateYank(Handle h, String source, DistributionFile f, String bundle, long changedMicros) {
        h.createUpdate("UPDATE bundle_file SET yanked = :yanked, yank_reason = :reason, changed_micros = :changed,"
                        + " bundle = :bundle WHERE source = :s AND filename = :f")
                .bind("yanked", f.yanked()).bind("reason", f.yankReason()).bind("changed", changedMicros).bind("bundle", bundle)
                .bind("s", source).bind("f", f.filename()).execute();
    }

    void recordImport(Handle h, String source, String manifestSha256, Instant created, Instant imported, String exporter,
            String signer, BundleImport.Report report) {
        h.createUpdate("INSERT INTO bundle_import (source, manifest_sha256, imported_micros, created_micros, exporter, signer,"
                        + " added, present, refused) VALUES (:s, :m, :i, :c, :e, :signer, :a, :p, :r)")
                .bind("s", source).bind("m", manifestSha256).bind("i", Micros.of(imported)).bind("c", Micros.of(created))
                .bind("e", exporter).bind("signer", signer).bind("a", report.added().size()).bind("p", report.present().size())
                .bind("r", report.refused().size()).execute();
    }
}
