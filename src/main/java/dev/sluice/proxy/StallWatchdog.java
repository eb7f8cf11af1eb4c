package dev.sluice.proxy;

import dev.sluice.util.OneByte;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an upstream body that stops sending: the JDK client's timeout covers the wait for headers only, and a
 * body that trickles or stalls would otherwise hold a download (and its waiting clients) forever.
 */
final class StallWatchdog implements Closeable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-upstream-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** Wraps a body; if no byte arrives for {@code timeout}, the body is closed and its next read fails. */
    InputStream guard(InputStream body, Duration timeout) {
        Guarded guarded = new Guarded(body, timeout.toNanos());
        long period = Math.max(100, timeout.toMillis() / 4);
        guarded.check = timer.scheduleAtFixedRate(guarded::checkProgress, period, period, TimeUnit.MILLISECONDS);
        return guarded;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static final class Guarded extends FilterInputStream {
        private final long timeoutNanos;
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean stalled;
        private volatile ScheduledFuture<?> check;

        Guarded(InputStream in, long timeoutNanos) {
            super(in);
            this.timeoutNanos = timeoutNanos;
        }

        void checkProgress() {
            if (System.nanoTime() - lastProgress > timeoutNanos) {
                stalled = true;
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the reader is told below
                }
                ScheduledFuture<?> c = check;
                if (c != null) {
                    c.cancel(false);
                }
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                lastProgress = System.nanoTime();
                return n;
            } catch (IOException e) {
                throw stalled ? new IOException("the upstream sent nothing for " + timeoutNanos / 1_000_000_000 + " s", e) : e;
            }
        }

        @Override
        public int read() throws IOException {
            return OneByte.read(this);
        }

        @Override
        public void close() throws IOException {
            if (check != null) {
                check.cancel(false);
            }
            super.close();
        }
    }
}
