package dev.sluice.proxy;

import dev.sluice.store.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One upstream file being copied into staging, which any number of clients read while it grows: the upstream
 * is asked once, nothing is held in memory, and every client streams from the first byte on. The last byte
 * is held back until the whole file has matched the sha256 the index gave; a mismatch, a short body or a
 * broken connection fails every client's transfer, and nothing is cached.
 */
final class InFlightDownload {
    /** What to do with a download that verified: make it durable and visible. */
    interface Completion {
        void verified(Path staging, long size, Digests digests) throws IOException;
    }

    private final Path staging;
    private final String expectedSha256;
    private final long expectedSize;
    private final Object lock = new Object();
    private long written;
    private boolean finished;
    private IOException failure;

    InFlightDownload(Path staging, String expectedSha256, long expectedSize) {
        this.staging = staging;
        this.expectedSha256 = expectedSha256;
        this.expectedSize = expectedSize;
    }

    /** Copies the body into staging (on the caller's thread), verifies it, then hands it to {@code completion}. */
    void copy(InputStream body, Completion completion) {
        Digests.Computer digests = new Digests.Computer();
        try (body; FileChannel out = FileChannel.open(staging, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = body.read(buffer)) > 0) {
                digests.update(buffer, 0, n);
                out.write(ByteBuffer.wrap(buffer, 0, n));
                synchronized (lock) {
                    written += n;
                    if (expectedSize >= 0 && written > expectedSize) {
                        throw new IOException("the upstream sent more than the " + expectedSize + " bytes its index gave");
                    }
                    lock.notifyAll();
                }
            }
            out.force(true);
            Digests actual = digests.finish();
            if (expectedSize >= 0 && written != expectedSize) {
                throw new IOException("the upstream sent " + written + " bytes, its index gave " + expectedSize);
            }
            if (!actual.sha256().equals(expectedSha256)) {
                throw new IOException("the upstream's bytes have sha256 " + actual.sha256() + ", its index gave " + expectedSha256);
            }
            synchronized (lock) {
                completion.verified(staging, written, actual);
                finished = true;
                lock.notifyAll();
            }
        } catch (IOException | RuntimeException e) {
            // The staging file goes first, so that no client sees the failure while its bytes are still around.
            try {
                Files.deleteIfExists(staging);
            } catch (IOException ignored) {
                // staging leftovers are removed when the store next opens
            }
            synchronized (lock) {
                failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                lock.notifyAll();
            }
        }
    }

    /**
     * A stream of the file from {@code offset}, for {@code length} bytes (-1 for all) that follows the download,
     * waiting for bytes as they arrive and failing if the download does; or null once the download has
     * finished (its bytes are then in the blob store).
     */
    InputStream openStreamWhileRunning(long offset, long length) throws IOException {
        FileChannel channel;
        synchronized (lock) {
            if (failure != null) {
                throw new IOException("the upstream download failed: " + failure.getMessage(), failure);
            }
            if (finished) {
                return null;
            }
            // The staging file is renamed into the store under this lock, so it is still here.
            channel = FileChannel.open(staging, StandardOpenOption.READ);
        }
        return new Follower(channel, offset, length < 0 ? Long.MAX_VALUE : offset + length);
    }

    /** Whether new readers can still follow this download (it has neither failed nor finished). */
    boolean isRunning() {
        synchronized (lock) {
            return failure == null && !finished;
        }
    }

    boolean failed() {
        synchronized (lock) {
            return failure != null;
        }
    }

    private final class Follower extends InputStream {
        private final FileChannel channel;
        private final long end;
        private long position;

        Follower(FileChannel channel, long offset, long end) {
            this.channel = channel;
            this.position = offset;
            this.end = end;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            long available;
            synchronized (lock) {
                while (true) {
                    if (failure != null) {
                        throw new IOException("the upstream download failed: " + failure.getMessage(), failure);
                    }
                    // Everything but the last byte flows as it arrives; the last waits for verification.
                    long readable = finished ? written : Math.max(0, written - 1);
                    available = Math.min(readable, end) - position;
                    if (available > 0 || finished) {
                        break;
                    }
                    try {
                        lock.wait(1_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for the upstream", e);
                    }
                }
            }
            if (available <= 0) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, available)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
