package dev.sluice.vulnerabilities;

import dev.sluice.archive.EntryNames;
import dev.sluice.archive.InvalidDistributionException;
import dev.sluice.util.Micros;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Imports OSV records from a zip (OSV's bulk {@code all.zip}: one JSON record per entry) or a folder of {@code .json}
 * and {@code .yaml} records (the PyPA advisory database), in one transaction: a source that cannot be read to its end
 * leaves the data as it was. A record replaces the stored one of its id only when its {@code modified} is later. A
 * record that cannot be read is skipped with its file and reason, and the rest is imported. Nothing is extracted to
 * disk, and each record is read up to {@link #MAX_RECORD_BYTES}: a zip bomb or a huge record costs that much at most.
 */
final class OsvImport {
    /** Real records are a few kilobytes; the largest of OSV's PyPI data is well under a megabyte. */
    static final int MAX_RECORD_BYTES = 4 << 20;
    static final int MAX_FILES = 2_000_000;
    private static final int PROGRESS_EVERY = 500;

    /** Told how far an import got: records read of the total (-1 while unknown). */
    @FunctionalInterface
    interface Progress {
        void read(int done, int total);
    }

    /** Where the records came from, as the import log names it, with a URL answer's validators. */
    record Origin(String name, String etag, String lastModified) {}

    private final SqlAdvisoryStore store;
    private final Clock clock;

    OsvImport(SqlAdvisoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Imports a zip file or a folder, in two passes: the first reads and judges every record outside any transaction
     * (serving and uploads go on), the second writes the records that changed in one short transaction.
     *
     * @throws ImportFailed when the source cannot be read whole (nothing changed)
     */
    ImportReport run(Path source, Origin origin, Progress progress) throws ImportFailed {
        Instant start = clock.instant();
        long startNanos = System.nanoTime();
        ImportReport report = new ImportReport(origin.name());
        try (RecordFiles files = Files.isDirectory(source) ? new FolderRecords(source) : new ZipRecords(source)) {
            Map<String, SqlAdvisoryStore.Stored> stored = store.stored();
            Map<String, String> changed = new java.util.LinkedHashMap<>(); // file -> id
            report.total = files.count();
            progress.read(0, report.total);
            files.forEach(report, (file, bytes, yaml) -> {
                OsvRecord record = judge(file, bytes, yaml, stored, report);
                if (record != null) {
                    changed.put(file, record.id());
                }
                if (report.read % PROGRESS_EVERY == 0) {
                    progress.read(report.read, report.total);
                }
            });
            store.inTransaction(writer -> {
                for (Map.Entry<String, String> change : changed.entrySet()) {
                    writer.put(reread(files, change.getKey(), change.getValue()));
                }
                report.took = Duration.ofNanos(System.nanoTime() - startNanos);
                writer.recordImport(new SqlAdvisoryStore.ImportRow(clock.instant(), origin.name(), origin.etag(),
                        origin.lastModified(), report.read, report.added, report.updated, report.withdrawn,
                        report.skippedCount, Micros.of(clock.instant()) - Micros.of(start)));
            });
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw new ImportFailed("nothing was imported: " + origin.name() + " could not be read: " + describe(cause), cause);
        }
        progress.read(report.read, report.read);
        return report;
    }

    /** The record again, for the write: the source must not have changed since the first pass. */
    private static OsvRecord reread(RecordFiles files, String file, String id) throws IOException {
        try {
            OsvRecord record = OsvRecordParser.parse(files.read(file), kind(file), w -> {});
            if (record.id().equals(id)) {
                return record;
            }
        } catch (MalformedRecord e) {
            // fall through: it changed
        }
        throw new IOException(file + " changed during the import");
    }

    /** Reads one record and counts it; returns it when it is to be written (new, or a later modification). */
    private static OsvRecord judge(String file, byte[] bytes, boolean yaml, Map<String, SqlAdvisoryStore.Stored> stored,
            ImportReport report) {
        report.read++;
        OsvRecord record;
        try {
            record = OsvRecordParser.parse(bytes, yaml, warning -> report.warn(file, warning));
        } catch (MalformedRecord e) {
            report.skip(file, e.getMessage());
            return null;
        }
        SqlAdvisoryStore.Stored old = stored.get(record.id());
        long modified = Micros.of(record.modified());
        if (old != null && modified <= old.modifiedMicros()) {
            report.unchanged++;
            return null;
        }
        if (old == null) {
            report.added++;
        } else {
            report.updated++;
        }
        if (record.isWithdrawn() && (old == null || !old.withdrawn())) {
            report.withdrawn++;
        }
        stored.put(record.id(), new SqlAdvisoryStore.Stored(modified, record.isWithdrawn()));
        return record;
    }

    @FunctionalInterface
    private interface RecordSink {
        void accept(String file, byte[] bytes, boolean yaml);
    }

    /** The records of a source: counted, walked once, and read again by name for the write. */
    private interface RecordFiles extends AutoCloseable {
        int count();

        void forEach(ImportReport report, RecordSink sink) throws IOException;

        byte[] read(String file) throws IOException;

        @Override
        void close() throws IOException;
    }

    private static final class ZipRecords implements RecordFiles {
        private final ZipFile zip;

        ZipRecords(Path file) throws IOException {
            try {
                zip = new ZipFile(file.toFile());
            } catch (ZipException notAZip) {
                throw new IOException("not a readable zip (" + notAZip.getMessage() + ")", notAZip);
            }
            if (zip.size() > MAX_FILES) {
                zip.close();
                throw new IOException("the zip holds " + zip.size() + " entries, more than " + MAX_FILES);
            }
        }

        @Override
        public int count() {
            return zip.size();
        }

        @Override
        public void forEach(ImportReport report, RecordSink sink) throws IOException {
            readZip(zip, sink, report);
        }

        @Override
        public byte[] read(String file) throws IOException {
            try (InputStream in = zip.getInputStream(zip.getEntry(file))) {
                return in.readNBytes(MAX_RECORD_BYTES);
            }
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    private static final class FolderRecords implements RecordFiles {
        private final Path folder;
        private final List<Path> files;

        FolderRecords(Path folder) throws IOException {
            this.folder = folder;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(f -> kind(f.getFileName().toString()) != null && Files.isRegularFile(f)).sorted()
                        .limit(MAX_FILES + 1L).toList();
            }
            if (files.size() > MAX_FILES) {
                throw new IOException("the folder holds more than " + MAX_FILES + " records");
            }
        }

        @Override
        public int count() {
            return files.size();
        }

        @Override
        public void forEach(ImportReport report, RecordSink sink) throws IOException {
            for (Path f : files) {
                String name = folder.relativize(f).toString();
                long size = Files.size(f);
                if (size > MAX_RECORD_BYTES) {
                    report.read++;
                    report.skip(name, "the record is " + size + " bytes, more than the limit of " + MAX_RECORD_BYTES);
                    continue;
                }
                sink.accept(name, Files.readAllBytes(f), kind(name));
            }
        }

        @Override
        public byte[] read(String file) throws IOException {
            return Files.readAllBytes(folder.resolve(file));
        }

        @Override
        public void close() {}
    }

    private static void readZip(ZipFile zip, RecordSink sink, ImportReport report) throws IOException {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            if (entry.isDirectory() || kind(name) == null) {
                continue;
            }
            try {
                EntryNames.check(name);
            } catch (InvalidDistributionException unsafe) {
                report.read++;
                report.skip(printable(name), "unsafe entry name: " + unsafe.getMessage());
                continue;
            }
            if (entry.getSize() > MAX_RECORD_BYTES) {
                report.read++;
                report.skip(name, "the record is " + entry.getSize() + " bytes uncompressed, more than the limit of "
                        + MAX_RECORD_BYTES + " (a zip bomb?)");
                continue;
            }
            byte[] bytes;
            try (InputStream in = zip.getInputStream(entry)) {
                bytes = in.readNBytes(MAX_RECORD_BYTES + 1);
            } catch (ZipException broken) {
                throw new IOException("entry " + printable(name) + ": " + broken.getMessage(), broken);
            }
            if (bytes.length > MAX_RECORD_BYTES) {
                report.read++;
                report.skip(name, "the record inflates to more than the limit of " + MAX_RECORD_BYTES + " bytes (a zip bomb?)");
                continue;
            }
            sink.accept(name, bytes, kind(name));
        }
    }

    /** True for YAML, false for JSON, null for a file that is no record. */
    private static Boolean kind(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") ? Boolean.FALSE : lower.endsWith(".yaml") || lower.endsWith(".yml") ? Boolean.TRUE : null;
    }

    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
