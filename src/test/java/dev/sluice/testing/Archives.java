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

    /** Content of an entry: bytes, or {@code size} bytes of a block repeated (zeros), too large to hold in memory. */
    public record Content(byte[] bytes, long size, byte[] block) {
        public static Content of(String text) {
            return of(text.getBytes(StandardCharsets.UTF_8));
        }

        public static Content of(byte[] bytes) {
            return new Content(bytes, bytes.length, null);
        }

        public static Content zeros(long count) {
            return new Content(null, count, new byte[64 * 1024]);
        }

        /** {@code count} bytes of {@code block} written again and again. */
        public static Content repeating(byte[] block, long count) {
            return new Content(null, count, block);
        }

        void writeTo(OutputStream out) throws IOException {
            if (bytes != null) {
                out.write(bytes);
                return;
            }
            for (long left = size; left > 0; left -= block.length) {
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

    /**
     * One 512-byte ustar header block, checksum included, as a hand-made hostile archive needs it (the
     * library's writer would refuse, or take forever over, what an attacker writes directly).
     */
    public static byte[] tarHeader(String name, long size, char type) {
        byte[] h = new byte[512];
        put(h, 0, name, 100);
        put(h, 100, "0000644", 8);
        put(h, 108, "0000000", 8);
        put(h, 116, "0000000", 8);
        put(h, 124, String.format("%011o", size), 12);
        put(h, 136, "00000000000", 12);
        h[156] = (byte) type;
        put(h, 257, "ustar", 6);
        put(h, 263, "00", 2);
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum), 7);
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int offset, String value, int length) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, h, offset, Math.min(bytes.length, length));
    }

    public static String metadata(String name, String version) {
        return "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\nSummary: test\n";
    }
}
