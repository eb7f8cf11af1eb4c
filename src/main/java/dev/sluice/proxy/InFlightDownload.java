package dev.sluice.proxy;

import dev.sluice.util.Digests;
import dev.sluice.util.GrowingFile;
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
    /** Everything but the last byte flows to readers as it arrives; the last waits for verification. */
    private final GrowingFile growing;

    InFlightDownload(Path staging, String expectedSha256, long expectedSize) {
        this.staging = staging;
        this.expectedSha256 = expectedSha256;
        this.expectedSize = expectedSize;
        this.growing = new GrowingFile(staging, 1, "the upstream download");
    }

    /** Copies the body into staging (on the caller's thread), verifies it, then hands it to {@code completion}. */
    void copy(InputStream body, Completion completion) {
        Digests.Computer digests = new Digests.Computer();
        try (body; FileChannel out = FileChannel.open(staging, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            long written = 0;
            int n;
            while ((n = body.read(buffer)) > 0) {
                if (expectedSize >= 0 && written + n > expectedSize) {
                    throw new IOException("the upstream sent more than the " + expectedSize + " bytes its index gave");
                }
                digests.update(buffer, 0, n);
                out.write(ByteBuffer.wrap(buffer, 0, n));
                written = growing.wrote(n);
            }
            out.force(true);
            Digests actual = digests.finish();
            if (expectedSize >= 0 && written != expectedSize) {
                throw new IOException("the upstream sent " + written + " bytes, its index gave " + expectedSize);
            }
            if (!actual.sha256().equals(expectedSha256)) {
                throw new IOException("the upstream's bytes have sha256 " + actual.sha256() + ", its index gave " + expectedSha256);
            }
            long size = written;
            growing.finish(() -> completion.verified(staging, size, actual));
        } catch (IOException | RuntimeException e) {
            // The staging file goes first, so that no client sees the failure while its bytes are still around.
            try {
                Files.deleteIfExists(staging);
            } catch (IOException ignored) {
                // staging leftovers are removed when the store next opens
            }
            growing.fail(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    /**
     * A stream of the file from {@code offset}, for {@code length} bytes (-1 for all) that follows the download,
     * waiting for bytes as they arrive and failing if the download does; or null once the download has
     * finished (its bytes are then in the blob store).
     */
    InputStream openStreamWhileRunning(long offset, long length) throws IOException {
        return growing.follow(offset, length);
    }

    /** Whether new readers can still follow this download (it has neither failed nor finished). */
    boolean isRunning() {
        return growing.isRunning();
    }

    boolean failed() {
        return growing.failed();
    }
}
