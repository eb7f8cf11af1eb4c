package dev.sluice.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reading a stretch of a file: what stored blobs and folder sources serve, whole or for HTTP ranges. */
public final class FileRanges {
    private FileRanges() {}

    /** {@code length} bytes of the file from {@code offset} ({@code -1}: to the end). */
    public static Region open(Path file, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long available = Math.max(0, channel.size() - offset);
            return new Region(channel, offset, length < 0 ? available : Math.min(length, available));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A stretch of an open file. It reads as a stream, and also straight into a buffer the caller owns: a server
     * that reads into its own direct buffers saves the copies a stream makes through the heap.
     */
    public static final class Region extends InputStream {
        private final FileChannel channel;
        private long position;
        private long remaining;

        private Region(FileChannel channel, long position, long remaining) {
            this.channel = channel;
            this.position = position;
            this.remaining = remaining;
        }

        /** Reads up to {@code target.remaining()} bytes into it. @return how many, or -1 at the end of the stretch */
        public int read(ByteBuffer target) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int limit = target.limit();
            if (target.remaining() > remaining) {
                target.limit(target.position() + (int) remaining);
            }
            try {
                int n = channel.read(target, position);
                if (n < 0) {
                    remaining = 0; // the file is shorter than it was when opened
                    return -1;
                }
                position += n;
                remaining -= n;
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
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
