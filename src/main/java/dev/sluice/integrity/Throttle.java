package dev.sluice.integrity;

/** Keeps a reader at or below a rate by sleeping when it is ahead: a check of every blob must not starve the server. */
final class Throttle {
    private final long bytesPerSecond;
    private final long started = System.nanoTime();
    private long bytes;

    Throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    void took(long n) {
        bytes += n;
        if (bytesPerSecond <= 0) {
            return;
        }
        long due = bytes * 1_000_000_000L / bytesPerSecond - (System.nanoTime() - started);
        if (due > 1_000_000) {
            try {
                Thread.sleep(due / 1_000_000, (int) (due % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    long bytes() {
        return bytes;
    }
}
