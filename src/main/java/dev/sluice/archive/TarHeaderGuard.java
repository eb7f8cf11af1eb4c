package dev.sluice.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * Follows a tar stream's 512-byte blocks as they pass to the tar reader and refuses the records a reader holds
 * in memory whole: PAX extended headers ({@code x}, {@code g}) and GNU long names ({@code L}, {@code K}). Real
 * ones are a few hundred bytes; a hostile one can claim gigabytes, which the reader would try to buffer.
 */
final class TarHeaderGuard extends EveryByteStream {
    private static final int BLOCK = 512;

    private final long maxHeaderRecord;
    private final byte[] header = new byte[BLOCK];
    private int headerFilled;
    /** Bytes of the current entry's data (padded to whole blocks) still to pass before the next header. */
    private long dataRemaining;

    TarHeaderGuard(InputStream in, long maxHeaderRecord) {
        super(in);
        this.maxHeaderRecord = maxHeaderRecord;
    }


    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        for (int i = 0; i < n; i++) {
            follow(b[off + i]);
        }
        return n;
    }


    private void follow(byte b) {
        if (dataRemaining > 0) {
            dataRemaining--;
            return;
        }
        header[headerFilled++] = b;
        if (headerFilled < BLOCK) {
            return;
        }
        headerFilled = 0;
        long size = size(header);
        char type = (char) header[156];
        if (type == 'S') {
            // Old GNU sparse entries carry extra header blocks this guard does not follow; sdists never need them.
            throw new InvalidDistributionException("the archive has a GNU sparse file entry, which is not accepted");
        }
        if ((type == 'x' || type == 'g' || type == 'L' || type == 'K') && size > maxHeaderRecord) {
            throw new InvalidDistributionException("the archive has a " + size + "-byte tar header record (type '" + type
                    + "'), more than the " + maxHeaderRecord + " allowed");
        }
        // Directories, links and the end-of-archive blocks carry no data; everything else carries `size` bytes.
        dataRemaining = (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** The size field: octal digits, or base-256 when the first byte's high bit is set (GNU, star). */
    private static long size(byte[] h) {
        if ((h[124] & 0x80) != 0) {
            long value = h[124] & 0x7F;
            for (int i = 125; i < 136; i++) {
                value = (value << 8) | (h[i] & 0xFF);
                if (value < 0 || value > (1L << 48)) {
                    return Long.MAX_VALUE / 2;
                }
            }
            return value;
        }
        int i = 124;
        while (i < 136 && (h[i] == ' ' || h[i] == 0)) {
            i++;
        }
        long value = 0;
        while (i < 136 && h[i] >= '0' && h[i] <= '7') {
            value = value * 8 + (h[i] - '0');
            i++;
        }
        return value;
    }
}
