package dev.sluice.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.archive.ArchiveLimits;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * False positives: the whole inspection (every rule, RECORD, names) over real, popular, benign distributions
 * ({@link BenignCorpus}). None may be found malicious; at most 2% suspicious. The rate at each verdict is printed, and
 * each suspicious distribution with the finding that made it so.
 */
class BenignDistributionsTest {
    @Test
    void popularBenignDistributionsPass(@TempDir Path folder) throws IOException {
        List<Path> corpus = BenignCorpus.build(folder);
        Inspector inspection = new Inspector(ArchiveLimits.DEFAULT);
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        Map<String, String> flagged = new TreeMap<>();
        int notes = 0;
        for (Path wheel : corpus) {
            DistributionFilename filename = DistributionFilename.parse(wheel.getFileName().toString());
            Inspector.Report report = inspection.inspect(wheel, filename, ProjectName.of(filename.normalizedName()), Set.of());
            counts.merge(report.verdict(), 1, Integer::sum);
            notes += (int) report.findings().stream().filter(f -> f.severity() == Finding.Severity.NOTE).count();
            if (report.verdict() != Verdict.CLEAN) {
                flagged.put(filename.filename(), report.reason());
            }
        }
        int total = corpus.size();
        System.out.printf("inspection over %d benign distributions: clean %d, suspicious %d (%.1f%%), malicious %d; %d notes%n",
                total, counts.getOrDefault(Verdict.CLEAN, 0), counts.getOrDefault(Verdict.SUSPICIOUS, 0),
                counts.getOrDefault(Verdict.SUSPICIOUS, 0) * 100.0 / total,
                counts.getOrDefault(Verdict.MALICIOUS, 0), notes);
        flagged.forEach((file, reason) -> System.out.println("  " + file + ": " + reason));
        assertThat(total).as("Debian's wheels, its installed projects and GraalPy's standard library").isGreaterThan(120);
        assertThat(counts.getOrDefault(Verdict.MALICIOUS, 0)).isZero();
        assertThat(counts.getOrDefault(Verdict.SUSPICIOUS, 0) * 100.0 / total).isLessThanOrEqualTo(2.0);
    }
}
