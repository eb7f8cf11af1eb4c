package dev.sluice.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Wraps a decompressing stream and stops it, while it runs, as soon as it has produced more than the
 * limits allow: too many bytes in total, or too many bytes per compressed byte read (a decompression bomb).
 * Checking as bytes flow, rather than trusting sizes declared in headers, bounds time and memory.
 */
final class DecompressionGuard extends EveryByteStream {
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
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            account(n);
        }
        return n;
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
