package dev.sluice.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * False positives on real, benign code this machine has: CPython's standard library (full of legitimate
 * {@code subprocess}, {@code urllib}, {@code base64} and {@code exec}) and the Python projects Debian installs (requests,
 * urllib3, setuptools, pip's vendored code, yaml, cryptography, ...). No finding may say malicious; the files that get
 * a suspicious one are printed, counted and bounded.
 */
class RealCodeTest {
    private static final List<Path> CORPUS = List.of(Path.of("/usr/lib/python3.11"), Path.of("/usr/lib/python3/dist-packages"));
    private static final List<ContentRule> RULES = List.of(new PthImportLine(), new EncodedExecution(), new ShadyEndpoint(),
            new NativeExecutable());

    @Test
    void realCodeIsNotMalicious() throws IOException {
        List<Finding> findings = new ArrayList<>();
        int files = 0;
        for (Path root : CORPUS) {
            assertThat(root).as("the corpus (bin/test installs Debian's Python)").isDirectory();
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path f : walk.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p)).toList()) {
                    files++;
                    byte[] bytes = Files.readAllBytes(f);
                    InspectedFile file = new InspectedFile(root.relativize(f).toString(), bytes, false);
                    for (ContentRule rule : RULES) {
                        rule.inspect(file, findings::add);
                    }
                }
            }
        }
        TreeSet<String> suspicious = new TreeSet<>();
        findings.forEach(f -> suspicious.add(f.file()));
        System.out.printf("inspection over real code: %d .py files, %d findings in %d files (%.2f%%); %s%n", files,
                findings.size(), suspicious.size(), suspicious.size() * 100.0 / files,
                findings.stream().limit(10).map(Finding::describe).toList());
        assertThat(files).isGreaterThan(3_000);
        assertThat(findings).filteredOn(f -> f.severity() == Finding.Severity.MALICIOUS).isEmpty();
        assertThat(suspicious.size() * 100.0 / files).isLessThan(2.0);
    }
}
