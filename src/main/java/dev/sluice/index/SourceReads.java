package dev.sluice.index;

import dev.sluice.util.BufferReadable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * Tells a source's read failures apart from the client's. Reading a resource and writing it to the client
 * both throw IOException; a source that breaks off before the first byte is sent must be answered as a gateway
 * error (the client did nothing wrong), so its failures are turned into {@link SourceUnavailable} as they happen.
 */
public final class SourceReads {
    private SourceReads() {}

    /**
     * {@code in}, whose read failures become {@code failure}'s SourceUnavailable; readable into buffers when {@code in}
     * is.
     */
    public static InputStream guard(InputStream in, Function<IOException, SourceUnavailable> failure) {
        return in instanceof BufferReadable ? new GuardedBufferReadable(in, failure) : new Guarded(in, failure);
    }

    private static class Guarded extends InputStream {
        final InputStream in;
        final Function<IOException, SourceUnavailable> failure;

        Guarded(InputStream in, Function<IOException, SourceUnavailable> failure) {
            this.in = in;
            this.failure = failure;
        }

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
    }

    private static final class GuardedBufferReadable extends Guarded implements BufferReadable {
        GuardedBufferReadable(InputStream in, Function<IOException, SourceUnavailable> failure) {
            super(in, failure);
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            try {
                return ((BufferReadable) in).read(target);
            } catch (IOException e) {
                throw failure.apply(e);
            }
        }
    }
}
