package dev.sluice.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL for a test: Debian's server as a private cluster in a temporary folder, on a free port of
 * 127.0.0.1, with one empty database, stopped and removed on close (../shared/TESTING.md). PostgreSQL refuses to run as
 * root, so as root the cluster belongs to the {@code postgres} user.
 */
public final class PrivatePostgres implements AutoCloseable {
    private static final Path BIN = findBin();

    private final Path dir;
    private final int port;

    private PrivatePostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static PrivatePostgres start() throws IOException, InterruptedException {
        if (BIN == null) {
            throw new IllegalStateException("Debian's PostgreSQL server is not installed (bin/test installs postgresql)");
        }
        Path dir = Files.createTempDirectory("sluice-pg");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        if (asRoot()) {
            run(List.of("chown", "-R", "postgres", dir.toString()));
        }
        run(command(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres", "-A", "trust",
                "--no-sync"));
        PrivatePostgres pg = new PrivatePostgres(dir, port);
        pg.startServer();
        run(List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "-c", "CREATE DATABASE sluice"));
        return pg;
    }

    private void startServer() throws IOException, InterruptedException {
        run(command(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
                "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir + " -c fsync=off -c max_connections=100", "-w", "start"));
    }

    /** Stops the server (fast: open connections are ended), as a restart or a failover does; {@link #startAgain} undoes it. */
    public void stopServer() throws IOException, InterruptedException {
        run(command(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
    }

    /** Starts the stopped server again on the same port and data. */
    public void startAgain() throws IOException, InterruptedException {
        startServer();
    }

    /** The database's URL as Sluice takes it ({@code [server] database}). */
    public String url() {
        return url("sluice");
    }

    private String url(String database) {
        return "postgresql://postgres@127.0.0.1:" + port + "/" + database;
    }

    /**
     * A role that must sign in with its password (SCRAM over TCP, as a real server asks), owning a new database of its
     * name. @return that database's URL, without the password
     */
    public String createPasswordUser(String name, String password) throws IOException, InterruptedException {
        Path hba = dir.resolve("data").resolve("pg_hba.conf");
        Files.writeString(hba, "host all " + name + " 127.0.0.1/32 scram-sha-256\n" + Files.readString(hba));
        run(List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "-c",
                "CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'"));
        run(List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "-c",
                "CREATE DATABASE " + name + " OWNER " + name));
        run(command(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "reload"));
        return "postgresql://" + name + "@127.0.0.1:" + port + "/" + name;
    }

    /** Makes another empty database in the cluster. @return its URL */
    public String createDatabase(String name) throws IOException, InterruptedException {
        run(List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "-c", "CREATE DATABASE " + name));
        return url(name);
    }

    @Override
    public void close() throws IOException {
        try {
            run(command(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(args));
        return command;
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static Path findBin() {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))).sorted().reduce((a, b) -> b)
                    .orElse(null);
        } catch (IOException noServer) {
            return null;
        }
    }
}
