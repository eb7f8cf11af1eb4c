package dev.sluice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The catalog database: opened, migrated to the current schema (Flyway, db/migration), and shared through
 * JDBI. The embedded default is one SQLite file; PostgreSQL arrives for several nodes.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private Database(HikariDataSource pool) {
        this.pool = pool;
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        this.jdbi = Jdbi.create(pool);
    }

    /**
     * Opens (creating if needed) a SQLite catalog. Durability first: WAL with {@code synchronous=FULL}, so an
     * upload acknowledged to a client survives a crash; writers take the lock when they begin
     * ({@code IMMEDIATE}), so concurrent writers queue instead of failing.
     */
    public static Database openSqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
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
        return new Database(new HikariDataSource(hikari));
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Whether the database answers, for readiness checks. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
