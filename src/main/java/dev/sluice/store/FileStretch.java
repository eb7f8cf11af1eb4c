package dev.sluice.store;

import dev.sluice.util.BufferReadable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A stretch of a file read as a stream, or straight into buffers (see {@link BufferReadable}). */
final class FileStretch extends InputStream implements BufferReadable {
    private final FileChannel channel;
    private long remaining;

    /** @param length bytes from the channel's position, or -1 for the rest of the file */
    FileStretch(FileChannel channel, long length) {
        this.channel = channel;
        this.remaining = length < 0 ? Long.MAX_VALUE : length;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int limit = target.limit();
        if (target.remaining() > remaining) {
            target.limit(target.position() + (int) remaining);
        }
        try {
            int n = channel.read(target);
            if (n > 0) {
                remaining -= n;
            }
            return n;
        } finally {
            target.limit(limit);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : read(ByteBuffer.wrap(b, off, len));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
