package dev.sluice.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Scans a zip (wheel or .zip sdist) from its central directory without decompressing anything but the
 * captured entries. The entry count is read from the end record first, so a central directory of millions
 * of entries is refused before it is loaded. Sizes and ratios declared in the directory are judged, and the
 * captured entries are also bounded as they are read, in case the directory lies.
 */
final class ZipScanner {
    private static final int END_RECORD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END_RECORD = 0x06064b50;
    private static final int END_RECORD_SIZE = 22;

    private ZipScanner() {}

    static ScannedArchive scan(Path file, Predicate<String> capture, ArchiveLimits limits) throws IOException {
        return scan(file, capture, limits, null);
    }

    /** @param visitor shown every regular file's bytes as the scan passes it, or null */
    static ScannedArchive scan(Path file, Predicate<String> capture, ArchiveLimits limits, ArchiveFiles.Visitor visitor)
            throws IOException {
        long declaredEntries = declaredEntryCount(file);
        if (declaredEntries > limits.maxEntries()) {
            throw new InvalidDistributionException("the archive declares " + declaredEntries + " entries, more than the "
                    + limits.maxEntries() + " allowed");
        }
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(file).get();
        } catch (IOException e) {
            throw new InvalidDistributionException("not a readable zip archive: " + e.getMessage(), e);
        }
        try (zip) {
            List<String> names = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            Map<String, byte[]> captured = new LinkedHashMap<>();
            long total = 0;
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                String name = entry.getName();
                EntryNames.check(name);
                EntryNames.checkUnique(seen, name, entry.isDirectory());
                if (names.size() >= limits.maxEntries()) {
                    throw new InvalidDistributionException("the archive holds more than " + limits.maxEntries() + " entries");
                }
                if (entry.isUnixSymlink()) {
                    throw new InvalidDistributionException("archive entry '" + name + "' is a symbolic link");
                }
                checkMethod(entry);
                total += judgeDeclaredSize(entry, limits);
                if (total > limits.maxTotalBytes()) {
                    throw new InvalidDistributionException("the archive expands to more than " + limits.maxTotalBytes() + " bytes");
                }
                names.add(name);
                if (!entry.isDirectory() && capture.test(name) && captured.size() < ScannedArchive.MAX_CAPTURES) {
                    captured.put(name, readEntry(zip, entry, limits));
                }
                if (!entry.isDirectory() && visitor != null) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        visitor.file(name, in);
                    }
                }
            }
            return new ScannedArchive(names, captured);
        }
    }

    /**
     * Wheels are stored or deflated (every wheel builder writes them so, and every installer reads them). Other zip
     * methods are refused by name: some (Zstandard, XZ) the zip library reads only with optional libraries, which a
     * hostile upload would otherwise make fail as an error of the server's.
     */
    private static void checkMethod(ZipArchiveEntry entry) {
        int method = entry.getMethod();
        if (method != ZipArchiveEntry.STORED && method != ZipArchiveEntry.DEFLATED) {
            String known = switch (method) {
                case 9 -> " (Deflate64)";
                case 12 -> " (bzip2)";
                case 14 -> " (LZMA)";
                case 93 -> " (Zstandard)";
                case 95 -> " (XZ)";
                default -> "";
            };
            throw new InvalidDistributionException("archive entry '" + entry.getName() + "' uses zip compression method "
                    + method + known + "; a wheel's entries are stored or deflated");
        }
    }

    private static long judgeDeclaredSize(ZipArchiveEntry entry, ArchiveLimits limits) {
        long size = Math.max(0, entry.getSize());
        if (size > limits.maxEntryBytes()) {
            throw new InvalidDistributionException("archive entry '" + entry.getName() + "' expands to " + size
                    + " bytes, more than the " + limits.maxEntryBytes() + " allowed");
        }
        long compressed = Math.max(1, entry.getCompressedSize());
        if (size > limits.ratioFloorBytes() && size / compressed > limits.maxRatio()) {
            throw new InvalidDistributionException("archive entry '" + entry.getName() + "' expands " + (size / compressed)
                    + " times its compressed size, more than " + limits.maxRatio() + " (a decompression bomb?)");
        }
        return size;
    }

    private static byte[] readEntry(ZipFile zip, ZipArchiveEntry entry, ArchiveLimits limits) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return ScannedArchive.readCapped(in, limits.maxMetadataBytes(), entry.getName());
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidDistributionException ide) {
                throw ide;
            }
            throw new InvalidDistributionException("archive entry '" + entry.getName() + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /** The total entry count from the end of central directory record (zip64 aware). */
    private static long declaredEntryCount(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, END_RECORD_SIZE + 0xFFFF);
            ByteBuffer tail = ByteBuffer.allocate(tailLength).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(tail, size - tailLength);
            for (int at = tailLength - END_RECORD_SIZE; at >= 0; at--) {
                if (tail.getInt(at) != END_RECORD) {
                    continue;
                }
                long entries = tail.getShort(at + 10) & 0xFFFF;
                long directoryOffset = tail.getInt(at + 16) & 0xFFFFFFFFL;
                if ((entries == 0xFFFF || directoryOffset == 0xFFFFFFFFL) && at >= 20 && tail.getInt(at - 20) == ZIP64_LOCATOR) {
                    long zip64End = tail.getLong(at - 20 + 8);
                    ByteBuffer record = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
                    if (zip64End < 0 || zip64End > size - 56 || channel.read(record, zip64End) != 56
                            || record.getInt(0) != ZIP64_END_RECORD) {
                        throw new InvalidDistributionException("not a readable zip archive: broken zip64 end record");
                    }
                    entries = record.getLong(32);
                }
                return entries < 0 ? Long.MAX_VALUE : entries;
            }
            throw new InvalidDistributionException(
                    "not a readable zip archive: no end of central directory record (truncated or not a zip)");
        }
    }
}
