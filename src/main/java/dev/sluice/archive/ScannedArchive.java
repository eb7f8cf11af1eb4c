package dev.sluice.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * What a scan of an archive yields: every entry name (each already checked by {@link EntryNames}), and
 * the bytes of the few entries the caller asked to capture, in archive order.
 */
record ScannedArchive(List<String> names, Map<String, byte[]> captured) {
    /** How many matching entries are captured at most: one is wanted, a second proves ambiguity. */
    static final int MAX_CAPTURES = 2;

    /** Reads an entry into memory, refusing it once it passes {@code max} bytes. */
    static byte[] readCapped(InputStream in, int max, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > max) {
                throw new InvalidDistributionException("'" + name + "' is larger than " + max + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
