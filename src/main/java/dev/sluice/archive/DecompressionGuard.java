package dev.sluice.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Wraps a decompressing stream and stops it, while it runs, as soon as it has produced more than the
 * limits allow: too many bytes in total, or too many bytes per compressed byte read (a decompression bomb).
 * Checking as bytes flow, rather than trusting sizes declared in headers, bounds time and memory.
 */
final class DecompressionGuard extends FilterInputStream {
    private final LongSupplier compressedBytesRead;
    private final ArchiveLimits limits;
    private final String what;
    private long produced;

    DecompressionGuard(InputStream decompressed, LongSupplier compressedBytesRead, ArchiveLimits limits, String what) {
        super(decompressed);
        this.compressedBytesRead = compressedBytesRead;
        this.limits = limits;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            account(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            account(n);
        }
        return n;
    }

    /** Skips by reading, so that skipped bytes are counted too (tar skips the bodies it does not need). */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    private void account(int n) {
        produced += n;
        if (produced > limits.maxTotalBytes()) {
            throw new InvalidDistributionException(what + " expands to more than " + limits.maxTotalBytes() + " bytes");
        }
        long compressed = Math.max(1, compressedBytesRead.getAsLong());
        if (produced > limits.ratioFloorBytes() && produced / compressed > limits.maxRatio()) {
            throw new InvalidDistributionException(what + " expands more than " + limits.maxRatio()
                    + " times its compressed size (a decompression bomb?)");
        }
    }

    long produced() {
        return produced;
    }
}
