package dev.sluice.util;

import java.io.IOException;
import java.io.InputStream;

/** The one-byte {@code read()} of a stream whose work is all in its bulk {@code read(byte[], int, int)}. */
public final class OneByte {
    private OneByte() {}

    /** Reads one byte through {@code stream}'s own bulk read, so that what it does per read applies to it too. */
    public static int read(InputStream stream) throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = stream.read(one, 0, 1); // a bulk read may return 0; read() must wait for a byte or the end
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xFF;
    }
}
