package dev.sluice.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Writes zip and tar.gz archives entry by entry, including the malformed kinds real tools refuse to write. */
public final class Archives {
    private Archives() {}

    /** Content of an entry: bytes, or a run of zeros too large to hold in memory. */
    public record Content(byte[] bytes, long zeros) {
        public static Content of(String text) {
            return new Content(text.getBytes(StandardCharsets.UTF_8), 0);
        }

        public static Content of(byte[] bytes) {
            return new Content(bytes, 0);
        }

        public static Content zeros(long count) {
            return new Content(null, count);
        }

        long size() {
            return bytes != null ? bytes.length : zeros;
        }

        void writeTo(OutputStream out) throws IOException {
            if (bytes != null) {
                out.write(bytes);
                return;
            }
            byte[] block = new byte[64 * 1024];
            for (long left = zeros; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    public static final class ZipWriter implements AutoCloseable {
        private final ZipArchiveOutputStream zip;

        public ZipWriter(Path file) throws IOException {
            zip = new ZipArchiveOutputStream(file);
        }

        public ZipWriter add(String name, Content content) throws IOException {
            return add(name, content, 0);
        }

        /** Adds an entry; a non-zero unix mode is recorded (0120777 makes a symbolic link). */
        public ZipWriter add(String name, Content content, int unixMode) throws IOException {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            if (unixMode != 0) {
                entry.setUnixMode(unixMode);
            }
            zip.putArchiveEntry(entry);
            content.writeTo(zip);
            zip.closeArchiveEntry();
            return this;
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    public static final class TarGzWriter implements AutoCloseable {
        private final TarArchiveOutputStream tar;

        public TarGzWriter(Path file) throws IOException {
            tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 64 * 1024));
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }

        public TarGzWriter add(String name, Content content) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name, true); // keep absolute names: tests need them
            entry.setSize(content.size());
            tar.putArchiveEntry(entry);
            content.writeTo(tar);
            tar.closeArchiveEntry();
            return this;
        }

        /** Adds a special entry (link, device) of the given tar type flag, e.g. TarConstants.LF_SYMLINK. */
        public TarGzWriter addSpecial(String name, byte typeFlag, String linkName) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name, typeFlag);
            if (linkName != null) {
                entry.setLinkName(linkName);
            }
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            return this;
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }

    public static String metadata(String name, String version) {
        return "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\nSummary: test\n";
    }
}
