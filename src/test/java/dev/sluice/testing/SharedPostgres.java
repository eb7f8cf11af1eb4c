package dev.sluice.testing;

import dev.sluice.app.ServerSettings;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * With {@code -Dsluice.catalog=postgresql}, every test server's catalog is a fresh database of one private PostgreSQL
 * cluster started for the test run (and stopped when it ends), so the suite that runs on SQLite runs on PostgreSQL too.
 */
final class SharedPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PrivatePostgres cluster;
    /** A data directory started again (a restart, a crash) finds its catalog again. */
    private static final java.util.Map<java.nio.file.Path, String> BY_DATA_DIRECTORY = new java.util.HashMap<>();

    private SharedPostgres() {}

    /** The settings as given, or on a new PostgreSQL database when the run asks for PostgreSQL and none is set. */
    static ServerSettings onRequest(ServerSettings settings) throws IOException {
        if (!"postgresql".equals(System.getProperty("sluice.catalog")) || settings.database() != null) {
            return settings;
        }
        return settings.withDatabase(databaseOf(settings.dataDirectory().toAbsolutePath().normalize()));
    }

    private static synchronized String databaseOf(java.nio.file.Path dataDirectory) throws IOException {
        String known = BY_DATA_DIRECTORY.get(dataDirectory);
        if (known != null) {
            return known;
        }
        String made = newDatabase();
        BY_DATA_DIRECTORY.put(dataDirectory, made);
        return made;
    }

    private static String newDatabase() throws IOException {
        try {
            if (cluster == null) {
                cluster = PrivatePostgres.start();
                AtExit.close(cluster, "PostgreSQL");
            }
            return cluster.createDatabase("sluice_" + DATABASES.incrementAndGet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting PostgreSQL", e);
        }
    }
}
