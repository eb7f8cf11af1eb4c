package dev.sluice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The catalog database: opened, migrated to the current schema ({@link SchemaMigrations}), and shared through
 * JDBI. The embedded default is one SQLite file; PostgreSQL serves several nodes.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final Path file;
    private final CatalogFileGuard guard;

    /** Which engine a catalog runs on: the SQL both accept is the same, a few migrations are the engine's own. */
    public enum Engine { SQLITE, POSTGRESQL }

    private final Engine engine;

    /** @param file the SQLite file, or null for a server's database */
    private Database(HikariDataSource pool, Path file, Engine engine) {
        this.pool = pool;
        this.file = file;
        this.engine = engine;
        SchemaMigrations.migrate(pool, engine);
        if (file == null) {
            this.guard = null;
            this.jdbi = Jdbi.create(pool);
            return;
        }
        try {
            this.guard = new CatalogFileGuard(file);
        } catch (java.io.IOException e) {
            pool.close();
            throw new java.io.UncheckedIOException("the catalog file " + file + " cannot be read", e);
        }
        // Every use of the catalog first checks that its file is still the one opened (a stat, microseconds).
        this.jdbi = Jdbi.create(() -> {
            guard.check();
            return pool.getConnection();
        });
    }

    /**
     * Opens a catalog on PostgreSQL, migrating it to the current schema: {@code postgresql://user:password@host:5432/db}.
     * The password may come from {@code SLUICE_DATABASE_PASSWORD}, or the first line of the file
     * {@code SLUICE_DATABASE_PASSWORD_FILE} names, instead of the URL; it is never logged.
     *
     * @throws IllegalArgumentException when the URL is not of that form
     */
    public static Database openPostgres(String url) {
        return openPostgres(url, System.getenv());
    }

    /** As {@link #openPostgres(String)}, with the password's variables read from {@code environment}. */
    static Database openPostgres(String url, java.util.Map<String, String> environment) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the database URL is not a URL: " + e.getReason());
        }
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("the database must be given as postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl("jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + uri.getPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            hikari.setUsername(colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                hikari.setPassword(userInfo.substring(colon + 1));
            }
        }
        String password = environment.get("SLUICE_DATABASE_PASSWORD");
        String passwordFile = environment.get("SLUICE_DATABASE_PASSWORD_FILE");
        if (passwordFile != null && !passwordFile.isEmpty()) {
            // A file (a container's or systemd's secret) rather than the environment, which other processes may see.
            try {
                password = java.nio.file.Files.readAllLines(Path.of(passwordFile)).stream().findFirst().orElse("").strip();
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("the database password file " + passwordFile + " (SLUICE_DATABASE_PASSWORD_FILE)"
                        + " cannot be read: " + e.getMessage(), e);
            }
        }
        if (password != null && !password.isEmpty()) {
            hikari.setPassword(password);
        }
        hikari.setPoolName("sluice-catalog");
        hikari.setMaximumPoolSize(10);
        // While the server is away (a restart, a failover) requests fail in seconds, and readiness says so, instead of
        // queueing for the pool's default 30 s; the pool reconnects by itself once the server is back.
        hikari.setConnectionTimeout(5_000);
        return new Database(new HikariDataSource(hikari), null, Engine.POSTGRESQL);
    }

    /** The catalog on PostgreSQL when {@code postgresUrl} names one, else the embedded SQLite file. */
    public static Database open(String postgresUrl, Path sqliteFile) {
        return postgresUrl != null ? openPostgres(postgresUrl) : openSqlite(sqliteFile);
    }

    public Engine engine() {
        return engine;
    }

    /**
     * Opens (creating if needed) a SQLite catalog. Durability first: WAL with {@code synchronous=FULL}, so an
     * upload acknowledged to a client survives a crash; writers take the lock when they begin
     * ({@code IMMEDIATE}), so concurrent writers queue instead of failing.
     */
    public static Database openSqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        // The file is made here, once; connections opened later must not make a new empty one when it has gone
        // (the pool opens connections by itself), so that a removed catalog is noticed as removed.
        try {
            if (!java.nio.file.Files.exists(file)) {
                java.nio.file.Files.createFile(file);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the catalog file " + file + " cannot be made", e);
        }
        config.resetOpenMode(org.sqlite.SQLiteOpenMode.CREATE);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(30_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Nothing here reads generated keys; left on, the driver runs "SELECT last_insert_rowid()" after every insert.
        config.setGetGeneratedKeys(false);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(sqlite);
        hikari.setPoolName("sluice-catalog");
        hikari.setMaximumPoolSize(4);
        return new Database(new HikariDataSource(hikari), file, Engine.SQLITE);
    }

    /**
     * Writes a consistent copy of the SQLite catalog to {@code target} while it serves ({@code VACUUM INTO}: one read
     * transaction, so writers go on and the copy is the catalog at one moment, compacted).
     *
     * @throws UnsupportedOperationException on PostgreSQL, whose own tool (pg_dump) does this
     */
    public void snapshotInto(Path target) {
        if (engine != Engine.SQLITE) {
            throw new UnsupportedOperationException("the catalog is on PostgreSQL: pg_dump takes its snapshot");
        }
        jdbi.useHandle(h -> h.execute("VACUUM INTO ?", target.toAbsolutePath().toString()));
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * What keeps the catalog from taking writes, for readiness checks, or null: its file removed or replaced
     * underneath, its file or folder not writable, or no answer to a query.
     */
    public String problem() {
        if (file != null) {
            String problem = guard.problem();
            if (problem != null) {
                return problem;
            }
            Path folder = file.toAbsolutePath().getParent();
            if (!java.nio.file.Files.isWritable(file) || !java.nio.file.Files.isWritable(folder)) {
                return "the catalog file " + file.toAbsolutePath() + " (or its folder) cannot be written";
            }
        }
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1 ? null
                    : "the catalog does not answer";
        } catch (RuntimeException e) {
            return "the catalog does not answer: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
