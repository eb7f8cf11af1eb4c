package dev.sluice.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.archive.ArchiveLimits;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wheel's files against its RECORD: a changed file or one slipped in is suspicious, a changed file holding suspicious
 * code malicious, the honest wheel clean.
 */
class WheelRecordTest {
    private static final Inspector INSPECTION = new Inspector(ArchiveLimits.DEFAULT);

    @TempDir
    Path dir;

    @Test
    void filesAreComparedWithRecord() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("tidy/__init__.py", "VALUE = 1\n");
        files.put("tidy-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: tidy\nVersion: 1.0\n");

        assertThat(record(inspect(wheel("tidy-1.0-py3-none-any.whl", files, files, null)))).as("the honest twin").isEmpty();

        Map<String, String> changed = new LinkedHashMap<>(files);
        changed.put("tidy/__init__.py", "VALUE = 2\n");
        assertThat(record(inspect(wheel("tidy-1.0-py3-none-any.whl", changed, files, null)))).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.SUSPICIOUS);
            assertThat(f.file()).isEqualTo("tidy/__init__.py");
            assertThat(f.excerpt()).contains("RECORD says");
        });
        Map<String, String> tampered = new LinkedHashMap<>(files);
        tampered.put("tidy/__init__.py", "VALUE = 1\nHOOK = 'https://discord.com/api/webhooks/0/example'\n");
        Inspector.Report report = inspect(wheel("tidy-1.0-py3-none-any.whl", tampered, files, null));
        assertThat(report.verdict()).isEqualTo(Verdict.MALICIOUS);
        assertThat(report.reason()).isEqualTo("malicious record-integrity: tidy/__init__.py:2: changed after its RECORD was"
                + " written, and shady-endpoint found: HOOK = 'https://discord.com/api/webhooks/0/example'");

        Map<String, String> slipped = new LinkedHashMap<>(files);
        slipped.put("tidy/extra.py", "print('not in RECORD')\n");
        assertThat(record(inspect(wheel("tidy-1.0-py3-none-any.whl", slipped, files, null)))).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.SUSPICIOUS);
            assertThat(f.file()).isEqualTo("tidy/extra.py");
        });

        assertThat(record(inspect(wheel("tidy-1.0-py3-none-any.whl", files, null, null)))).singleElement()
                .satisfies(f -> assertThat(f.excerpt()).isEqualTo("the wheel has no .dist-info/RECORD"));
        assertThat(record(inspect(wheel("tidy-1.0-py3-none-any.whl", files, files, "tidy/__init__.py,,\n"))))
                .as("a file listed without a hash is not compared").isEmpty();
    }

    private static List<Finding> record(Inspector.Report report) {
        return report.findings().stream().filter(f -> f.rule().equals(WheelRecord.ID)).toList();
    }

    private Inspector.Report inspect(Path wheel) {
        return INSPECTION.inspect(wheel, DistributionFilename.parse(wheel.getFileName().toString()), ProjectName.of("tidy"),
                java.util.Set.of());
    }

    /** A wheel of {@code files}, with a RECORD hashing {@code recorded} (none when null), or holding {@code recordText}. */
    private Path wheel(String name, Map<String, String> files, Map<String, String> recorded, String recordText) throws Exception {
        Path file = dir.resolve(System.nanoTime() + "-" + name);
        Path renamed = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            if (recorded != null || recordText != null) {
                StringBuilder record = new StringBuilder();
                if (recordText != null) {
                    record.append(recordText).append("tidy-1.0.dist-info/METADATA,,\n");
                } else {
                    for (var f : recorded.entrySet()) {
                        byte[] sha = MessageDigest.getInstance("SHA-256").digest(f.getValue().getBytes(StandardCharsets.UTF_8));
                        record.append(f.getKey()).append(",sha256=").append(WheelRecord.encode(sha)).append(',')
                                .append(f.getValue().length()).append('\n');
                    }
                }
                record.append("tidy-1.0.dist-info/RECORD,,\n");
                zip.putNextEntry(new ZipEntry("tidy-1.0.dist-info/RECORD"));
                zip.write(record.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Files.move(file, renamed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return renamed;
    }
}
