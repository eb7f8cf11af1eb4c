package dev.sluice.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reading a stretch of a file as a stream: what stored blobs and folder sources serve for ranges. */
public final class FileRanges {
    private FileRanges() {}

    /** A blob kept as this whole file, of the size it has now. */
    static BlobStore.Blob blob(Path file, long size) {
        return new BlobStore.Blob() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream openStream(long offset, long length) throws IOException {
                return open(file, offset, length);
            }
        };
    }

    /** {@code length} bytes of the file from {@code offset} ({@code -1}: to the end). */
    public static InputStream open(Path file, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new FileStretch(channel, length);
    }
}
