package dev.sluice.testing;

/** Servers shared by a whole test run (a PostgreSQL cluster, an S3 server) are stopped when the JVM exits. */
final class AtExit {
    private AtExit() {}

    static void close(AutoCloseable server, String what) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stopping the test " + what + " failed: " + e.getMessage());
            }
        }));
    }
}
