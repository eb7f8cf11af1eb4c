package dev.sluice.archive;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Scans a .tar.gz sdist in one streaming pass (tar has no index). Links and device files are refused, since
 * unpacking them can write outside the target directory. Decompression runs under a
 * {@link DecompressionGuard}, so a gzip bomb stops at the limit rather than after it has been expanded.
 */
final class TarGzScanner {
    /** The largest PAX or GNU long-name record accepted (real ones are a few hundred bytes). */
    static final long MAX_HEADER_RECORD = 1 << 20;

    private TarGzScanner() {}

    static ScannedArchive scan(Path file, Predicate<String> capture, ArchiveLimits limits) throws IOException {
        return scan(file, capture, limits, null);
    }

    /** @param visitor shown every regular file's bytes as the scan passes it, or null */
    static ScannedArchive scan(Path file, Predicate<String> capture, ArchiveLimits limits, ArchiveFiles.Visitor visitor)
            throws IOException {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, byte[]> captured = new LinkedHashMap<>();
        try (CountingStream compressed = new CountingStream(new BufferedInputStream(Files.newInputStream(file)))) {
            InputStream gzip;
            try {
                gzip = new GZIPInputStream(compressed, 64 * 1024);
            } catch (ZipException | EOFException e) {
                throw new InvalidDistributionException("not a gzip file: " + e.getMessage(), e);
            }
            DecompressionGuard guarded = new DecompressionGuard(gzip, compressed::count, limits, "the archive");
            TarArchiveInputStream tar = new TarArchiveInputStream(new TarHeaderGuard(guarded, MAX_HEADER_RECORD));
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar)) != null) {
                String name = entry.getName();
                EntryNames.check(name);
                EntryNames.checkUnique(seen, name, entry.isDirectory());
                if (names.size() >= limits.maxEntries()) {
                    throw new InvalidDistributionException("the archive holds more than " + limits.maxEntries() + " entries");
                }
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new InvalidDistributionException("archive entry '" + name + "' is a "
                            + (entry.isLink() ? "hard" : "symbolic") + " link to '" + entry.getLinkName() + "'");
                }
                if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                    throw new InvalidDistributionException("archive entry '" + name + "' is a device or pipe");
                }
                if (entry.getSize() > limits.maxEntryBytes()) {
                    throw new InvalidDistributionException("archive entry '" + name + "' is " + entry.getSize()
                            + " bytes, more than the " + limits.maxEntryBytes() + " allowed");
                }
                names.add(name);
                if (entry.isFile() && capture.test(name) && captured.size() < ScannedArchive.MAX_CAPTURES) {
                    captured.put(name, ScannedArchive.readCapped(tar, limits.maxMetadataBytes(), name));
                } else if (entry.isFile() && visitor != null) {
                    visitor.file(name, tar);
                }
            }
            // Drain the rest of the stream so that a truncated or corrupt gzip tail is noticed.
            byte[] sink = new byte[8192];
            while (read(guarded, sink) >= 0) {
                // keep reading
            }
        }
        return new ScannedArchive(names, captured);
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw new InvalidDistributionException("the archive is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new InvalidDistributionException("the archive is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    /** Counts bytes read from the compressed file, for the ratio check. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }
}
