package dev.sluice.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file being written that any number of readers follow as it grows: a reader gets what has been written so far,
 * waits for more, ends when the writer finishes and fails when the writer fails. What a proxy downloads and a
 * root list being rendered are both sent this way, so that nobody waits for the whole file before the first byte.
 */
public final class GrowingFile {
    /** Work done under the file's lock when the writer finishes, such as moving the file into place. */
    @FunctionalInterface
    public interface Completion {
        void run() throws IOException;
    }

    private final Path path;
    private final long heldBack;
    private final String what;
    private final Object lock = new Object();
    private long written;
    private boolean finished;
    private IOException failure;

    /**
     * @param heldBack how many of the last bytes written readers are kept from until the writer finishes (a download
     *     holds back its last byte until the whole file is verified)
     * @param what what is being written, for failure messages ("the upstream download")
     */
    public GrowingFile(Path path, long heldBack, String what) {
        this.path = path;
        this.heldBack = heldBack;
        this.what = what;
    }

    /** The writer put {@code count} more bytes in the file; returns how many it has written in all. */
    public long wrote(long count) {
        synchronized (lock) {
            written += count;
            lock.notifyAll();
            return written;
        }
    }

    /**
     * The file is whole. {@code completion} runs first, under the lock that readers open the file under: a file it
     * moves is never found missing by a reader about to follow it.
     */
    public void finish(Completion completion) throws IOException {
        synchronized (lock) {
            completion.run();
            finished = true;
            lock.notifyAll();
        }
    }

    /** The writing failed: every reader fails, and no new one may follow. */
    public void fail(IOException cause) {
        synchronized (lock) {
            failure = cause;
            lock.notifyAll();
        }
    }

    /** Whether new readers can still follow the writing (it has neither failed nor finished). */
    public boolean isRunning() {
        synchronized (lock) {
            return failure == null && !finished;
        }
    }

    public boolean failed() {
        synchronized (lock) {
            return failure != null;
        }
    }

    /**
     * A stream of the file from {@code offset}, for {@code length} bytes (-1 for all), that follows the writing; or
     * null once the writing has finished (the file is then wherever the completion put it).
     */
    public InputStream follow(long offset, long length) throws IOException {
        FileChannel channel;
        synchronized (lock) {
            if (failure != null) {
                throw failed(failure);
            }
            if (finished) {
                return null;
            }
            channel = FileChannel.open(path, StandardOpenOption.READ);
        }
        return new Follower(channel, offset, length < 0 ? Long.MAX_VALUE : offset + length);
    }

    private IOException failed(IOException cause) {
        return new IOException(what + " failed: " + cause.getMessage(), cause);
    }

    private final class Follower extends InputStream {
        private final FileChannel channel;
        private final long end;
        private long position;

        Follower(FileChannel channel, long offset, long end) {
            this.channel = channel;
            this.position = offset;
            this.end = end;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            if (len == 0) {
                return 0; // as InputStream says, and without waiting: readNBytes asks for nothing once it has enough
            }
            long available;
            synchronized (lock) {
                while (true) {
                    if (failure != null) {
                        throw failed(failure);
                    }
                    long readable = finished ? written : Math.max(0, written - heldBack);
                    available = Math.min(readable, end) - position;
                    if (available > 0 || finished) {
                        break;
                    }
                    try {
                        lock.wait(1_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for " + what, e);
                    }
                }
            }
            if (available <= 0) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, available)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            return OneByte.read(this);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
