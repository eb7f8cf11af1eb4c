package dev.sluice.vulnerabilities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.pep.Version;
import dev.sluice.testing.PackagingOracle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Matching against an independent evaluator on Python's {@code packaging} (src/test/python/osv_oracle.py): every record
 * of the shared PyPA zip, over every version it lists and versions around every event of its ranges (pre-, post-,
 * dev- and local versions, epochs, neighbours). They must agree on every one.
 */
class OsvDifferentialTest {
    static final Path SHARED_ZIP = Path.of("src/test/data/osv/pypa-advisory-database-2024-10-all.zip");

    @Test
    void everyRecordOfTheSharedZipAgreesWithPackaging() throws Exception {
        Map<String, OsvRecord> records = new HashMap<>();
        try (ZipFile zip = new ZipFile(SHARED_ZIP.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    OsvRecord r = OsvRecordParser.parse(in.readAllBytes(), false, w -> {});
                    records.put(r.id(), r);
                }
            }
        }
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        int affected = 0;
        for (String line : oracle()) {
            JsonNode answer = PackagingOracle.JSON.readTree(line);
            OsvRecord record = records.get(answer.get("id").asText());
            assertThat(record).as(answer.get("id").asText()).isNotNull();
            AffectedPackage pkg = record.affected().get(answer.get("package").asInt());
            String text = answer.get("version").asText();
            boolean ours = Version.isValid(text) ? pkg.affects(Version.parse(text)) : pkg.affectsUnparsable(text);
            compared++;
            if (ours) {
                affected++;
            }
            if (ours != answer.get("affected").asBoolean()) {
                disagreements.add(record.id() + " " + pkg.project() + " " + text + ": packaging says "
                        + answer.get("affected").asBoolean() + ", Sluice " + ours);
            }
        }
        System.out.printf("OSV differential: %d record versions compared (%d affected) over %d records, %d disagree%n",
                compared, affected, records.size(), disagreements.size());
        assertThat(compared).isGreaterThan(200_000);
        assertThat(affected).isGreaterThan(100_000).isLessThan(compared);
        assertThat(disagreements).isEmpty();
    }

    private static List<String> oracle() throws IOException, InterruptedException {
        Path out = Files.createTempFile("osv-oracle", ".jsonl");
        Path err = Files.createTempFile("osv-oracle", ".err");
        try {
            Process p = new ProcessBuilder(PackagingOracle.PYTHON, "src/test/python/osv_oracle.py", SHARED_ZIP.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the OSV oracle finished").isTrue();
            assertThat(p.exitValue()).as("the OSV oracle failed:\n" + Files.readString(err)).isZero();
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
