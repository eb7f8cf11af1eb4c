package dev.sluice.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a catalog's schema to the current version: the scripts {@code db/migration/V<n>__<what>.sql} every catalog
 * shares and those of its engine under {@code db/vendor/<engine>}, in the order of their versions, each once.
 *
 * <p>What has been applied is recorded as Flyway recorded it, in {@code flyway_schema_history} with Flyway's own
 * checksums (CRC-32 of the script's lines), so that a catalog made before keeps its history and Flyway's tools still
 * read it. Everything missing is applied in one transaction: a fresh catalog's schema is made with one commit, and a
 * script that fails leaves the catalog as it was. An applied script changed since is refused (the catalog and the
 * code would disagree); versions recorded that this build does not know (a newer Sluice migrated the catalog) are
 * left alone, as Flyway left them. Flyway did this in a third of a second of every start (and a tenth on a catalog
 * already current), most of it its own set-up; this takes milliseconds.
 */
public final class SchemaMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);
    static final String HISTORY = "flyway_schema_history";
    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    /** Held by the transaction that migrates a PostgreSQL catalog, so that nodes starting together take turns. */
    private static final long POSTGRES_LOCK = 0x511CE_5C4E3AL;

    /** One script: its version, name, text and Flyway's checksum of it. */
    record Migration(int version, String script, String sql) {
        String description() {
            return script.substring(script.indexOf("__") + 2, script.length() - ".sql".length()).replace('_', ' ');
        }

        /** Flyway's checksum: the CRC-32 of the script's lines in UTF-8, without their line breaks or a leading BOM. */
        int checksum() {
            CRC32 crc = new CRC32();
            List<String> lines = sql.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = i == 0 && lines.get(i).startsWith("\uFEFF") ? lines.get(i).substring(1) : lines.get(i);
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return (int) crc.getValue();
        }
    }

    private SchemaMigrations() {}

    /** Applies every script not applied yet. */
    public static void migrate(DataSource catalog, Database.Engine engine) {
        migrate(catalog, engine, Integer.MAX_VALUE);
    }

    /** Applies the scripts not applied yet up to version {@code target} (a test making the catalog of an older release). */
    public static void migrate(DataSource catalog, Database.Engine engine, int target) {
        migrate(catalog, engine, available(engine).values(), target);
    }

    /** Applies the given scripts (in version order) not applied yet, up to version {@code target}. */
    static void migrate(DataSource catalog, Database.Engine engine, java.util.Collection<Migration> scripts, int target) {
        List<Migration> missing = new ArrayList<>();
        try (Connection connection = catalog.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (engine == Database.Engine.POSTGRESQL) {
                    try (Statement lock = connection.createStatement()) {
                        lock.execute("SELECT pg_advisory_xact_lock(" + POSTGRES_LOCK + ")");
                    }
                }
                Map<Integer, Integer> applied = new TreeMap<>();
                int rank = applied(connection, engine, applied);
                for (Migration migration : scripts) {
                    int checksum = migration.checksum();
                    Integer recorded = applied.remove(migration.version());
                    if (recorded != null && recorded != checksum) {
                        throw new IllegalStateException("the catalog's migration " + migration.script() + " was applied"
                                + " from a different script than this Sluice's: the catalog and this Sluice disagree on its"
                                + " schema (restore the catalog, or run the Sluice that made it)");
                    }
                    if (recorded == null && migration.version() <= target) {
                        apply(connection, migration, checksum, ++rank);
                        missing.add(migration);
                    }
                }
                connection.commit();
                if (!applied.isEmpty()) {
                    LOG.warn("The catalog has migrations this Sluice does not know ({}): a newer Sluice migrated it",
                            applied.keySet());
                }
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the catalog's schema cannot be brought up to date: " + e.getMessage(), e);
        }
        if (!missing.isEmpty()) {
            LOG.debug("Catalog migrated: {}", missing.stream().map(Migration::script).toList());
        }
    }

    private static void apply(Connection connection, Migration migration, int checksum, int rank) throws SQLException {
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            for (String sql : SqlScript.statements(migration.sql())) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new SQLException(migration.script() + " failed: " + e.getMessage(), e.getSQLState(), e);
        }
        try (PreparedStatement record = connection.prepareStatement("INSERT INTO " + HISTORY + " (installed_rank, version,"
                + " description, type, script, checksum, installed_by, execution_time, success)"
                + " VALUES (?, ?, ?, 'SQL', ?, ?, ?, ?, TRUE)")) {
            String user = connection.getMetaData().getUserName();
            record.setInt(1, rank);
            record.setString(2, Integer.toString(migration.version()));
            record.setString(3, migration.description());
            record.setString(4, migration.script());
            record.setInt(5, checksum);
            record.setString(6, user == null ? "" : user);
            record.setInt(7, (int) ((System.nanoTime() - started) / 1_000_000));
            record.executeUpdate();
        }
    }

    /**
     * Puts the versions applied and their checksums in {@code applied}, making the history table first when the catalog
     * is new, and returns the history's last rank.
     */
    private static int applied(Connection connection, Database.Engine engine, Map<Integer, Integer> applied)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!historyExists(connection, engine)) {
                // Flyway's own table, column for column, so that its tools read it.
                statement.execute("CREATE TABLE " + HISTORY + " (installed_rank INT NOT NULL PRIMARY KEY,"
                        + " version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL,"
                        + " script VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT NULL,"
                        + (engine == Database.Engine.POSTGRESQL ? " installed_on TIMESTAMP NOT NULL DEFAULT now(),"
                                : " installed_on TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),")
                        + " execution_time INT NOT NULL, success BOOLEAN NOT NULL)");
                statement.execute("CREATE INDEX " + HISTORY + "_s_idx ON " + HISTORY + " (success)");
                return 0;
            }
            try (ResultSet rows = statement.executeQuery("SELECT version, checksum, success, script FROM " + HISTORY
                    + " WHERE version IS NOT NULL")) {
                while (rows.next()) {
                    if (!rows.getBoolean(3)) {
                        throw new IllegalStateException("the catalog records a failed migration, " + rows.getString(4)
                                + ": repair the catalog (or restore it from a backup) before starting Sluice on it");
                    }
                    applied.put(Integer.parseInt(rows.getString(1)), rows.getInt(2));
                }
            }
            try (ResultSet last = statement.executeQuery("SELECT COALESCE(MAX(installed_rank), 0) FROM " + HISTORY)) {
                last.next();
                return last.getInt(1);
            }
        }
    }

    private static boolean historyExists(Connection connection, Database.Engine engine) throws SQLException {
        String query = engine == Database.Engine.POSTGRESQL
                ? "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
                : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, HISTORY);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The scripts this build carries for {@code engine}, by version. */
    static Map<Integer, Migration> available(Database.Engine engine) {
        Map<Integer, Migration> migrations = new TreeMap<>();
        for (String folder : List.of("db/migration", "db/vendor/" + engine.name().toLowerCase(Locale.ROOT))) {
            for (String script : scriptNames(folder)) {
                Matcher name = SCRIPT.matcher(script);
                if (!name.matches()) {
                    throw new IllegalStateException(folder + "/" + script + " is not named V<version>__<what>.sql");
                }
                Migration migration = new Migration(Integer.parseInt(name.group(1)), script, read(folder + "/" + script));
                Migration twin = migrations.put(migration.version(), migration);
                if (twin != null) {
                    throw new IllegalStateException("two migrations have version " + migration.version() + ": "
                            + twin.script() + " and " + script);
                }
            }
        }
        return migrations;
    }

    /** The files in a folder of the class path, whether it is a directory (tests) or inside the jar. */
    private static List<String> scriptNames(String folder) {
        URL url = SchemaMigrations.class.getClassLoader().getResource(folder);
        if (url == null) {
            return List.of();
        }
        try {
            if (url.getProtocol().equals("jar")) {
                String prefix = folder + "/";
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false); // a JarFile of its own, which closing does not take from others
                try (var jar = connection.getJarFile()) {
                    return jar.stream().map(java.util.zip.ZipEntry::getName)
                            .filter(n -> n.startsWith(prefix) && n.length() > prefix.length() && !n.endsWith("/"))
                            .map(n -> n.substring(prefix.length())).toList();
                }
            }
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                return files.map(f -> f.getFileName().toString()).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the migrations in " + folder + " cannot be listed", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the migrations' folder " + url + " is not a file", e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the migration " + resource + " cannot be read", e);
        }
    }
}
