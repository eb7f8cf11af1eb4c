package dev.sluice.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.pep.DistributionFilename;
import dev.sluice.testing.Archives;
import dev.sluice.testing.Archives.Content;
import dev.sluice.testing.Archives.TarGzWriter;
import dev.sluice.testing.Archives.ZipWriter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Archives built to hurt: each is refused with a message that names the problem, and reading them allocates
 * a bounded amount of memory however much they claim or contain.
 */
@Timeout(120)
class HostileArchiveTest {
    private static final String WHEEL = "demo-1.0-py3-none-any.whl";
    private static final String SDIST = "demo-1.0.tar.gz";
    private static final long MIB = 1 << 20;
    /** Far below what the bombs expand to: reading may not hold them in memory. */
    private static final long ALLOCATION_BOUND = 48 * MIB;

    @TempDir
    Path dir;

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Reads, checks what reading allocated, then that it was refused with a message containing {@code reason}. */
    private void assertRefused(Path file, String filename, ArchiveLimits limits, String reason) {
        long before = allocatedByThisThread();
        Throwable refusal = org.assertj.core.api.Assertions.catchThrowable(
                () -> DistributionMetadataReader.read(file, DistributionFilename.parse(filename), limits));
        assertThat(allocatedByThisThread() - before).as("bytes allocated while refusing %s", filename)
                .isLessThan(ALLOCATION_BOUND);
        assertThat(refusal).isInstanceOf(InvalidDistributionException.class).hasMessageContaining(reason);
    }

    private void assertRefused(Path file, String filename, String reason) {
        assertRefused(file, filename, ArchiveLimits.DEFAULT, reason);
    }

    private Path wheel(String... extraEntries) throws Exception {
        Path file = dir.resolve(WHEEL);
        try (ZipWriter zip = new ZipWriter(file)) {
            zip.add("demo/__init__.py", Content.of(""));
            for (String entry : extraEntries) {
                zip.add(entry, Content.of("x"));
            }
            zip.add("demo-1.0.dist-info/METADATA", Content.of(Archives.metadata("demo", "1.0")));
        }
        return file;
    }

    @Test
    void aWellFormedWheelAndSdistAreRead() throws Exception {
        Path wheel = wheel();
        assertThat(DistributionMetadataReader.read(wheel, DistributionFilename.parse(WHEEL), ArchiveLimits.DEFAULT)
                .metadata().name()).isEqualTo("demo");
        Path sdist = dir.resolve(SDIST);
        try (TarGzWriter tar = new TarGzWriter(sdist)) {
            tar.add("demo-1.0/setup.py", Content.of("")).add("demo-1.0/PKG-INFO", Content.of(Archives.metadata("demo", "1.0")))
                    .add("demo-1.0/demo.egg-info/PKG-INFO", Content.of(Archives.metadata("demo", "1.0")));
        }
        DistributionMetadata read = DistributionMetadataReader.read(sdist, DistributionFilename.parse(SDIST), ArchiveLimits.DEFAULT);
        assertThat(read.path()).isEqualTo("demo-1.0/PKG-INFO");
    }

    @Test
    void aZipBombIsRefusedFromItsDeclaredRatio() throws Exception {
        Path file = dir.resolve(WHEEL);
        try (ZipWriter zip = new ZipWriter(file)) {
            zip.add("demo-1.0.dist-info/METADATA", Content.of(Archives.metadata("demo", "1.0")));
            zip.add("demo/zeros.bin", Content.zeros(256 * MIB));
        }
        assertThat(Files.size(file)).isLessThan(MIB);
        assertRefused(file, WHEEL, "a decompression bomb?");
    }

    @Test
    void aMetadataFileThatLiesAboutItsSizeIsStoppedWhileReading() throws Exception {
        Path file = dir.resolve(WHEEL);
        try (ZipWriter zip = new ZipWriter(file)) {
            zip.add("demo-1.0.dist-info/METADATA", Content.zeros(64 * MIB));
        }
        patchCentralDirectorySizes(file, "demo-1.0.dist-info/METADATA", 100, 90);
        assertRefused(file, WHEEL, "'demo-1.0.dist-info/METADATA' is larger than " + ArchiveLimits.DEFAULT.maxMetadataBytes());
    }

    @Test
    void anOversizedMetadataFileIsRefused() throws Exception {
        Path file = dir.resolve(WHEEL);
        byte[] text = new byte[(int) (2 * MIB)];
        Random random = new Random(1);
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + random.nextInt(26));
        }
        try (ZipWriter zip = new ZipWriter(file)) {
            zip.add("demo-1.0.dist-info/METADATA", Content.of(text));
        }
        ArchiveLimits limits = new ArchiveLimits(100, MIB * 100, MIB * 100, 200, MIB, (int) MIB);
        assertRefused(file, WHEEL, limits, "is larger than 1048576 bytes");
    }

    @Test
    void aGzipBombIsStoppedWhileItExpands() throws Exception {
        Path file = dir.resolve(SDIST);
        try (TarGzWriter tar = new TarGzWriter(file)) {
            tar.add("demo-1.0/PKG-INFO", Content.of(Archives.metadata("demo", "1.0")));
            tar.add("demo-1.0/zeros.bin", Content.zeros(256 * MIB));
        }
        assertThat(Files.size(file)).isLessThan(2 * MIB);
        assertRefused(file, SDIST, "expands more than 200 times its compressed size");
    }

    @Test
    void aHugeTarHeaderRecordIsRefusedBeforeItIsBuffered() throws Exception {
        // A PAX record carrying a 64 MiB path, written block by block: a tar reader holds such records whole.
        long recordSize = 64 * MIB;
        Path file = dir.resolve(SDIST);
        Random random = new Random(12);
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            out.write(Archives.tarHeader("demo-1.0/PaxHeaders/evil", recordSize, 'x'));
            // A well-formed PAX record, "LENGTH path=VALUE\n", whose LENGTH counts the whole record.
            String prefix = recordSize + " path=";
            out.write(prefix.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            long valueLength = recordSize - prefix.length() - 1;
            byte[] chunk = new byte[1 << 20];
            for (long written = 0; written < valueLength; written += chunk.length) {
                int n = (int) Math.min(chunk.length, valueLength - written);
                for (int i = 0; i < n; i++) {
                    chunk[i] = (byte) ('a' + random.nextInt(26));
                }
                out.write(chunk, 0, n);
            }
            out.write('\n');
            out.write(Archives.tarHeader("demo-1.0/PKG-INFO", 0, '0')); // the entry the record describes
            out.write(new byte[1024]); // end of archive
        }
        assertRefused(file, SDIST, "a 67108864-byte tar header record (type 'x'), more than the 1048576 allowed");
    }

    @Test
    void aHugeEntryCountIsRefusedBeforeTheDirectoryIsLoaded() throws Exception {
        Path file = dir.resolve(WHEEL);
        try (ZipWriter zip = new ZipWriter(file)) {
            for (int i = 0; i <= ArchiveLimits.DEFAULT.maxEntries(); i++) {
                zip.add("demo/f" + i, Content.of(""));
            }
        }
        assertRefused(file, WHEEL, "declares 100001 entries, more than the 100000 allowed");
    }

    @Test
    void aTarWithTooManyEntriesIsRefused() throws Exception {
        Path file = dir.resolve(SDIST);
        try (TarGzWriter tar = new TarGzWriter(file)) {
            for (int i = 0; i <= 1_000; i++) {
                tar.add("demo-1.0/f" + i, Content.of(""));
            }
        }
        ArchiveLimits limits = new ArchiveLimits(1_000, 4L << 30, 2L << 30, 10_000, MIB, 16 << 20);
        assertRefused(file, SDIST, limits, "holds more than 1000 entries");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.py", "demo/../../evil.py", "/etc/passwd", "\\windows\\evil.py", "C:/evil.py", "demo\\..\\..\\evil"})
    void entriesOutsideTheArchiveAreRefusedInZips(String name) throws Exception {
        // Zip readers (commons-compress, pip's zipfile) read '\\' as '/', so the message shows it that way.
        assertRefused(wheel(name), WHEEL, "'" + name.replace('\\', '/') + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.py", "demo-1.0/../../evil.py", "/etc/passwd"})
    void entriesOutsideTheArchiveAreRefusedInTars(String name) throws Exception {
        Path file = dir.resolve(SDIST);
        try (TarGzWriter tar = new TarGzWriter(file)) {
            tar.add("demo-1.0/PKG-INFO", Content.of(Archives.metadata("demo", "1.0"))).add(name, Content.of("x"));
        }
        assertRefused(file, SDIST, name.startsWith("/") ? "has an absolute path" : "escapes the archive with '..'");
    }

    @Test
    void linksAndDevicesInTarsAreRefused() throws Exception {
        Object[][] cases = {{TarConstants.LF_SYMLINK, "/etc/passwd", "is a symbolic link to '/etc/passwd'"},
            {TarConstants.LF_LINK, "demo-1.0/PKG-INFO", "is a hard link"},
            {TarConstants.LF_CHR, null, "is a device or pipe"}, {TarConstants.LF_FIFO, null, "is a device or pipe"}};
        for (Object[] c : cases) {
            Path file = dir.resolve(SDIST);
            try (TarGzWriter tar = new TarGzWriter(file)) {
                tar.add("demo-1.0/PKG-INFO", Content.of(Archives.metadata("demo", "1.0")))
                        .addSpecial("demo-1.0/special", (Byte) c[0], (String) c[1]);
            }
            assertRefused(file, SDIST, (String) c[2]);
        }
    }

    /** Found by fuzzing (WheelReaderFuzz): a Zstandard entry made the zip library look for an optional class. */
    @ParameterizedTest(name = "method {0}")
    @ValueSource(ints = {93, 95, 14, 12})
    void entriesCompressedOtherThanStoredOrDeflatedAreRefusedByName(int method) throws Exception {
        Path wheel = wheel();
        byte[] bytes = Files.readAllBytes(wheel);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at + 12 < bytes.length; at++) {
            if (b.getInt(at) == 0x04034b50) {
                b.putShort(at + 8, (short) method); // local header
            } else if (b.getInt(at) == 0x02014b50) {
                b.putShort(at + 10, (short) method); // central directory
            }
        }
        Files.write(wheel, bytes);
        assertRefused(wheel, WHEEL, "uses zip compression method " + method);
    }

    @Test
    void symlinksInZipsAreRefused() throws Exception {
        Path file = dir.resolve(WHEEL);
        try (ZipWriter zip = new ZipWriter(file)) {
            zip.add("demo/link", Content.of("/etc/passwd"), 0120777);
            zip.add("demo-1.0.dist-info/METADATA", Content.of(Archives.metadata("demo", "1.0")));
        }
        assertRefused(file, WHEEL, "'demo/link' is a symbolic link");
    }

    @Test
    void truncatedArchivesAreRefused() throws Exception {
        Path wheel = wheel();
        byte[] bytes = Files.readAllBytes(wheel);
        Files.write(wheel, Arrays.copyOf(bytes, bytes.length - 30));
        assertRefused(wheel, WHEEL, "no end of central directory record (truncated or not a zip)");

        Path sdist = dir.resolve(SDIST);
        byte[] random = new byte[200_000];
        new Random(3).nextBytes(random);
        try (TarGzWriter tar = new TarGzWriter(sdist)) {
            tar.add("demo-1.0/PKG-INFO", Content.of(Archives.metadata("demo", "1.0"))).add("demo-1.0/data", Content.of(random));
        }
        byte[] sdistBytes = Files.readAllBytes(sdist);
        Files.write(sdist, Arrays.copyOf(sdistBytes, sdistBytes.length / 2));
        assertRefused(sdist, SDIST, "truncated or corrupt");
    }

    @Test
    void twoMetadataCandidatesAreRefused() throws Exception {
        assertRefused(wheel("other-2.0.dist-info/METADATA"), WHEEL,
                "more than one .dist-info directory, so more than one METADATA candidate: demo-1.0.dist-info, other-2.0.dist-info");

        Path duplicate = dir.resolve(WHEEL);
        try (ZipWriter zip = new ZipWriter(duplicate)) {
            zip.add("demo-1.0.dist-info/METADATA", Content.of(Archives.metadata("demo", "1.0")));
            zip.add("demo-1.0.dist-info/METADATA", Content.of(Archives.metadata("evil", "6.6.6")));
        }
        assertRefused(duplicate, WHEEL, "two entries named 'demo-1.0.dist-info/METADATA'");

        Path sdist = dir.resolve(SDIST);
        try (TarGzWriter tar = new TarGzWriter(sdist)) {
            tar.add("demo-1.0/PKG-INFO", Content.of(Archives.metadata("demo", "1.0")))
                    .add("other-1.0/PKG-INFO", Content.of(Archives.metadata("other", "1.0")));
        }
        assertRefused(sdist, SDIST, "more than one core metadata file: demo-1.0/PKG-INFO, other-1.0/PKG-INFO");
    }

    @Test
    void anSdistWithTwoMembersOfOneNameIsRefused() throws Exception {
        // The attack: the first PKG-INFO is what a reviewer reads, the second is what a tar extractor leaves on disk.
        Path sdist = dir.resolve(SDIST);
        try (TarGzWriter tar = new TarGzWriter(sdist)) {
            tar.add("demo-1.0/PKG-INFO", Content.of(Archives.metadata("demo", "1.0")))
                    .add("demo-1.0/PKG-INFO", Content.of(Archives.metadata("demo", "1.0") + "Requires-Dist: evil\n"));
        }
        assertRefused(sdist, SDIST, "two entries named 'demo-1.0/PKG-INFO'");

        try (TarGzWriter tar = new TarGzWriter(sdist)) {
            tar.add("demo-1.0/PKG-INFO", Content.of(Archives.metadata("demo", "1.0")))
                    .add("demo-1.0/setup.py", Content.of("print('first')\n")).add("demo-1.0/setup.py", Content.of("print('second')\n"));
        }
        assertRefused(sdist, SDIST, "two entries named 'demo-1.0/setup.py'");
    }

    @Test
    void metadataThatIsNotUtf8IsRefused() throws Exception {
        Path file = dir.resolve(WHEEL);
        try (ZipWriter zip = new ZipWriter(file)) {
            zip.add("demo-1.0.dist-info/METADATA",
                    Content.of("Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nAuthor: Ren\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)));
        }
        assertRefused(file, WHEEL, "demo-1.0.dist-info/METADATA: core metadata is not valid UTF-8");
    }

    @Test
    void aWheelMustCarryItsOwnMetadata() throws Exception {
        Path file = dir.resolve(WHEEL);
        try (ZipWriter zip = new ZipWriter(file)) {
            zip.add("other-1.0.dist-info/METADATA", Content.of(Archives.metadata("other", "1.0")));
        }
        assertRefused(file, WHEEL, "metadata directory 'other-1.0.dist-info' does not match its filename (demo 1.0)");
        try (ZipWriter zip = new ZipWriter(file)) {
            zip.add("demo/__init__.py", Content.of(""));
        }
        assertRefused(file, WHEEL, "the wheel has no {name}-{version}.dist-info/METADATA");
        Files.write(file, "not a zip at all".getBytes(StandardCharsets.UTF_8));
        assertRefused(file, WHEEL, "not a readable zip archive");
        Files.write(dir.resolve(SDIST), "not gzip".getBytes(StandardCharsets.UTF_8));
        assertRefused(dir.resolve(SDIST), SDIST, "not a gzip file");
    }

    /** Rewrites the sizes a zip's central directory declares for one entry, as an attacker would. */
    private static void patchCentralDirectorySizes(Path file, String name, int uncompressed, int compressedUnchanged) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        boolean patched = false;
        for (int at = 0; at + 46 + nameBytes.length <= bytes.length; at++) {
            if (buffer.getInt(at) == 0x02014b50 && (buffer.getShort(at + 28) & 0xFFFF) == nameBytes.length
                    && Arrays.equals(bytes, at + 46, at + 46 + nameBytes.length, nameBytes, 0, nameBytes.length)) {
                buffer.putInt(at + 24, uncompressed);
                patched = true;
            }
        }
        assertThat(patched).as("central directory entry for %s found (compressed size %d kept)", name, compressedUnchanged).isTrue();
        Files.write(file, bytes);
    }
}
