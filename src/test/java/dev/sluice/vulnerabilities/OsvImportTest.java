package dev.sluice.vulnerabilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.pep.ProjectName;
import dev.sluice.store.Database;
import dev.sluice.testing.MovableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports over the shared real data and over bad input: counts, replacement rules, atomicity, and clear skips. */
class OsvImportTest {
    static final Path MALICIOUS = Path.of("src/test/data/osv/malicious-sample");

    @TempDir
    Path dir;
    Database database;
    Vulnerabilities vulnerabilities;

    @BeforeEach
    void open() {
        database = Database.openSqlite(dir.resolve("sluice.db"));
        vulnerabilities = new Vulnerabilities(database.jdbi(), VulnerabilitySettings.NONE, null, dir.resolve("tmp"),
                new MovableClock());
    }

    @AfterEach
    void close() {
        vulnerabilities.close();
        database.close();
    }

    private ImportReport importZip(Path zip) throws ImportFailed {
        return vulnerabilities.importFrom(zip, zip.getFileName().toString(), (done, total) -> {});
    }

    @Test
    void theSharedZipImportsEveryRecordAndASecondImportChangesNothing() throws Exception {
        int entries;
        long withdrawn = 0;
        try (ZipFile zip = new ZipFile(OsvDifferentialTest.SHARED_ZIP.toFile())) {
            entries = zip.size();
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                withdrawn += new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8).contains("\"withdrawn\"") ? 1 : 0;
            }
        }
        ImportReport first = importZip(OsvDifferentialTest.SHARED_ZIP);
        System.out.printf("shared zip: %d read, %d added, %d withdrawn, %d skipped, %d warnings in %d ms%n", first.read,
                first.added, first.withdrawn, first.skippedCount, first.warningCount, first.took.toMillis());
        assertThat(first.read).isEqualTo(entries);
        assertThat(first.added).isEqualTo(entries);
        assertThat(first.skippedCount).isZero();
        assertThat(first.withdrawn).isEqualTo(withdrawn).isEqualTo(10);
        assertThat(first.warnings).extracting(ImportReport.Problem::file).contains("PYSEC-2019-125.json", "PYSEC-2021-371.json");
        assertThat(vulnerabilities.index().size()).isEqualTo(entries - withdrawn);
        long generation = vulnerabilities.index().generation();

        ImportReport again = importZip(OsvDifferentialTest.SHARED_ZIP);
        assertThat(again.added + again.updated + again.withdrawn).isZero();
        assertThat(again.unchanged).isEqualTo(entries);
        assertThat(vulnerabilities.index().generation()).as("nothing changed, the index stays").isEqualTo(generation);

        // requests 2.5.0 is affected by real advisories; the versions they fix are not
        assertThat(vulnerabilities.index().affecting(ProjectName.of("requests"), "2.5.0")).isNotEmpty();
        assertThat(vulnerabilities.index().affecting(ProjectName.of("requests"), "2.32.3")).isEmpty();
    }

    @Test
    void aLaterModifiedRecordReplacesAndAWithdrawnOneStopsMatching() throws Exception {
        importZip(zip("v1.zip", Map.of("A.json", record("PYSEC-1", "2024-01-01T00:00:00Z", "demo", "2.0", null))));
        assertThat(vulnerabilities.index().affecting(ProjectName.of("demo"), "1.5")).extracting(Advisory::id).containsExactly("PYSEC-1");

        ImportReport older = importZip(zip("old.zip", Map.of("A.json", record("PYSEC-1", "2023-01-01T00:00:00Z", "demo", "1.0", null))));
        assertThat(older.unchanged).isEqualTo(1);
        assertThat(vulnerabilities.index().affecting(ProjectName.of("demo"), "1.5")).hasSize(1);

        ImportReport later = importZip(zip("v2.zip", Map.of("A.json", record("PYSEC-1", "2024-02-01T00:00:00Z", "demo", "1.0", null))));
        assertThat(later.updated).isEqualTo(1);
        assertThat(vulnerabilities.index().affecting(ProjectName.of("demo"), "1.5")).as("fixed in 1.0 now").isEmpty();
        assertThat(vulnerabilities.index().affecting(ProjectName.of("demo"), "0.9")).hasSize(1);

        ImportReport withdrawn = importZip(zip("v3.zip", Map.of("A.json",
                record("PYSEC-1", "2024-03-01T00:00:00Z", "demo", "1.0", "2024-03-01T00:00:00Z"))));
        assertThat(withdrawn.withdrawn).isEqualTo(1);
        assertThat(vulnerabilities.index().affecting(ProjectName.of("demo"), "0.9")).isEmpty();
        assertThat(vulnerabilities.store().json(List.of("PYSEC-1"))).as("kept for history").containsKey("PYSEC-1");
    }

    @Test
    void aTruncatedZipChangesNothing() throws Exception {
        importZip(zip("v1.zip", Map.of("A.json", record("PYSEC-1", "2024-01-01T00:00:00Z", "demo", "2.0", null))));
        byte[] whole = Files.readAllBytes(OsvDifferentialTest.SHARED_ZIP);
        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> importZip(truncated)).isInstanceOf(ImportFailed.class)
                .hasMessageContaining("nothing was imported").hasMessageContaining("truncated.zip");
        assertThat(vulnerabilities.index().size()).isEqualTo(1);
        assertThat(vulnerabilities.store().counts().records()).isEqualTo(1);
    }

    @Test
    void badRecordsAreSkippedWithAClearLineAndTheRestIsImported() throws Exception {
        Path zip = dir.resolve("bad.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "good.json", record("PYSEC-9", "2024-01-01T00:00:00Z", "demo", "2.0", null).getBytes(StandardCharsets.UTF_8));
            put(out, "malformed.json", "{\"id\": \"PYSEC-2\", ".getBytes(StandardCharsets.UTF_8));
            put(out, "no-affected.json", "{\"id\": \"PYSEC-3\", \"modified\": \"2024-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8));
            put(out, "bad-event.json", record("PYSEC-4", "2024-01-01T00:00:00Z", "demo", "not a version!", null)
                    .getBytes(StandardCharsets.UTF_8));
            put(out, "../../etc/escape.json", record("PYSEC-5", "2024-01-01T00:00:00Z", "demo", "2.0", null)
                    .getBytes(StandardCharsets.UTF_8));
            // a zip bomb: 64 MB of one repeated byte in a few kilobytes
            out.putNextEntry(new ZipEntry("bomb.json"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        ImportReport report = importZip(zip);
        assertThat(report.added).isEqualTo(2); // good, and bad-event (its unreadable 'fixed' dropped, with a warning)
        assertThat(report.skipped).extracting(p -> p.file() + ": " + p.reason()).hasSize(4)
                .anySatisfy(line -> assertThat(line).startsWith("malformed.json: not JSON"))
                .anySatisfy(line -> assertThat(line).startsWith("no-affected.json: no 'affected' list"))
                .anySatisfy(line -> assertThat(line).startsWith("../../etc/escape.json: unsafe entry name"))
                .anySatisfy(line -> assertThat(line).startsWith("bomb.json: ").contains("zip bomb"));
        assertThat(report.skipped).filteredOn(p -> p.file().equals("malformed.json")).first()
                .satisfies(p -> assertThat(p.reason()).startsWith("not JSON"));
        assertThat(report.warnings).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo("bad-event.json");
            assertThat(w.reason()).contains("'fixed: not a version!' is not a PEP 440 version");
        });
        // fail closed: with its 'fixed' unreadable, every version from 'introduced' counts as affected
        assertThat(vulnerabilities.index().affecting(ProjectName.of("demo"), "99.0")).extracting(Advisory::id).containsExactly("PYSEC-4");
    }

    @Test
    void aFailureInTheMiddleOfTheWriteLeavesThePreviousDataInForce() throws Exception {
        importZip(zip("v1.zip", Map.of("A.json", record("PYSEC-1", "2024-01-01T00:00:00Z", "demo", "2.0", null))));
        Path folder = Files.createDirectories(dir.resolve("many"));
        for (int i = 0; i < 1_200; i++) {
            Files.writeString(folder.resolve(String.format("r-%04d.json", i)),
                    record("PYSEC-2000-" + i, "2024-01-01T00:00:00Z", "p" + i, "1.0", null));
        }
        // After the first pass has read it, record 999 is replaced: the write (500 records already flushed in its
        // transaction) meets it again, differently, and fails half way.
        OsvImport.Progress meddling = (done, total) -> {
            if (done == 1_000) {
                try {
                    Files.writeString(folder.resolve("r-0999.json"), record("PYSEC-OTHER", "2024-01-01T00:00:00Z", "x", "1", null));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        assertThatThrownBy(() -> vulnerabilities.importFrom(folder, "many", meddling)).isInstanceOf(ImportFailed.class)
                .hasMessageContaining("nothing was imported").hasMessageContaining("r-0999.json changed during the import");
        assertThat(vulnerabilities.store().counts().records()).as("the 500 written first were rolled back").isEqualTo(1);
        assertThat(vulnerabilities.index().size()).isEqualTo(1);
        assertThat(vulnerabilities.store().lastImport(null).source()).isEqualTo("v1.zip");
    }

    @Test
    void aZipBombThatLiesAboutItsSizeIsStoppedAtTheLimit() throws Exception {
        Path zip = dir.resolve("liar.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "good.json", record("PYSEC-9", "2024-01-01T00:00:00Z", "demo", "2.0", null).getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("bomb.json"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                out.write(spaces);
            }
            out.closeEntry();
        }
        // the central directory says the bomb inflates to 100 bytes
        byte[] bytes = Files.readAllBytes(zip);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int at = bytes.length - 22; at >= 0; at--) {
            if (buffer.getInt(at) == 0x02014b50 && new String(bytes, at + 46, 9, StandardCharsets.UTF_8).equals("bomb.json")) {
                buffer.putInt(at + 24, 100);
            }
        }
        Files.write(zip, bytes);
        ImportReport report = importZip(zip);
        assertThat(report.added).isEqualTo(1);
        assertThat(report.skipped).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("bomb.json");
            assertThat(p.reason()).contains("inflates to more than the limit").contains("zip bomb");
        });
    }

    @Test
    void aHundredMegabyteRecordIsSkippedWithoutReadingIt() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Files.writeString(folder.resolve("good.json"), record("PYSEC-9", "2024-01-01T00:00:00Z", "demo", "2.0", null));
        try (OutputStream out = Files.newOutputStream(folder.resolve("huge.json"))) {
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < 100; i++) {
                out.write(chunk);
            }
        }
        ImportReport report = vulnerabilities.importFrom(folder, "folder", (d, t) -> {});
        assertThat(report.added).isEqualTo(1);
        assertThat(report.skipped).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("huge.json");
            assertThat(p.reason()).contains("104857600 bytes, more than the limit");
        });
    }

    @Test
    void yamlFoldersAndMaliciousRecordsImport() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("advisories/vulns/demo"));
        Files.writeString(folder.resolve("PYSEC-2024-77.yaml"), """
                id: PYSEC-2024-77
                modified: "2024-05-01T00:00:00Z"
                aliases: [CVE-2024-0001]
                summary: a demo flaw
                affected:
                - package: {name: Demo, ecosystem: PyPI}
                  ranges:
                  - type: ECOSYSTEM
                    events: [{introduced: "0"}, {fixed: "1.2"}]
                  - type: GIT
                    repo: https://git.example/demo
                    events: [{introduced: "0"}, {fixed: "abc123"}]
                future_field: ignored
                """);
        ImportReport yaml = vulnerabilities.importFrom(dir.resolve("advisories"), "folder", (d, t) -> {});
        assertThat(yaml.added).isEqualTo(1);
        assertThat(vulnerabilities.index().affecting(ProjectName.of("demo"), "1.1")).extracting(Advisory::id)
                .containsExactly("PYSEC-2024-77");
        ImportReport malicious = vulnerabilities.importFrom(MALICIOUS, "malicious-sample", (d, t) -> {});
        assertThat(malicious.added).isEqualTo(4);
        assertThat(vulnerabilities.index().named("MAL-2024-9933").malicious()).isTrue();
        assertThat(vulnerabilities.index().affecting(ProjectName.of("3web"), "1.0.0")).extracting(Advisory::id)
                .containsExactly("MAL-2024-9933");
    }

    @Test
    void aliasesAreShownOnceWithTheWorseSeverity() throws Exception {
        String pysec = record("PYSEC-7", "2024-01-01T00:00:00Z", "demo", "2.0", null).replace("\"id\"", "\"aliases\": [\"GHSA-aaaa-bbbb-cccc\"], \"id\"");
        String ghsa = record("GHSA-aaaa-bbbb-cccc", "2024-01-01T00:00:00Z", "demo", "2.0", null)
                .replace("\"id\"", "\"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}], \"id\"");
        importZip(zip("aliases.zip", Map.of("a.json", pysec, "b.json", ghsa)));
        List<Advisory> shown = vulnerabilities.index().affecting(ProjectName.of("demo"), "1.0");
        assertThat(shown).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("PYSEC-7");
            assertThat(a.aliases()).contains("GHSA-aaaa-bbbb-cccc");
            assertThat(a.severity().band()).isEqualTo(Severity.Band.CRITICAL);
            assertThat(a.severity().score()).isEqualTo(9.8);
        });
    }

    @Test
    void cvssScoresOfV3AndV4Vectors() {
        assertThat(Severity.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).isEqualTo(9.8);
        assertThat(Severity.baseScore("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N")).isEqualTo(3.8);
        assertThat(Severity.baseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")).isEqualTo(9.3);
        assertThat(Severity.baseScore("not a vector")).isNull();
    }

    static String record(String id, String modified, String project, String fixed, String withdrawn) {
        return "{\"id\": \"" + id + "\", \"modified\": \"" + modified + "\""
                + (withdrawn == null ? "" : ", \"withdrawn\": \"" + withdrawn + "\"")
                + ", \"summary\": \"demo flaw " + id + "\", \"details\": \"details of " + id + "\""
                + ", \"affected\": [{\"package\": {\"name\": \"" + project + "\", \"ecosystem\": \"PyPI\"},"
                + " \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"" + fixed + "\"}]}]}]}";
    }

    Path zip(String name, Map<String, String> entries) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
                put(out, e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return zip;
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
