package dev.sluice.archive;

import dev.sluice.util.OneByte;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter that sees every byte passing through: single-byte reads and skips go through
 * {@link #read(byte[], int, int)}, so a subclass that watches that one method misses nothing (the
 * decompressing streams below would otherwise skip without producing what they skip).
 */
abstract class EveryByteStream extends FilterInputStream {
    EveryByteStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        return OneByte.read(this);
    }

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
}
