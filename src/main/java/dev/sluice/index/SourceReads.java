package dev.sluice.index;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * Tells a source's read failures apart from the client's. Reading a resource and writing it to the client
 * both throw IOException; a source that breaks off before the first byte is sent must be answered as a gateway
 * error (the client did nothing wrong), so its failures are turned into {@link SourceUnavailable} as they happen.
 */
public final class SourceReads {
    private SourceReads() {}

    /** {@code in}, whose read failures become {@code failure}'s SourceUnavailable. */
    public static InputStream guard(InputStream in, Function<IOException, SourceUnavailable> failure) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    return in.read();
                } catch (IOException e) {
                    throw failure.apply(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return in.read(b, off, len);
                } catch (IOException e) {
                    throw failure.apply(e);
                }
            }

            @Override
            public int available() throws IOException {
                return in.available();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
