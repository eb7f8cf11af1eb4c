package dev.sluice.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the kept fuzzing corpus ({@code src/test/fuzz/<target>/}, seeds and every input a Jazzer run found
 * to reach new code) through each target: what a fuzzing run once survived or fixed stays survived.
 */
class FuzzCorpusTest {
    static final List<String> TARGETS = List.of("dev.sluice.pep.PepParsersFuzz", "dev.sluice.pep.CoreMetadataFuzz",
            "dev.sluice.archive.WheelReaderFuzz", "dev.sluice.archive.SdistReaderFuzz",
            "dev.sluice.config.ConfigFileFuzz", "dev.sluice.proxy.UpstreamPageFuzz", "dev.sluice.usage.UserAgentFuzz",
            "dev.sluice.hosted.UploadFormFuzz", "dev.sluice.vulnerabilities.OsvRecordFuzz");
    private static final Path CORPUS = Path.of("src/test/fuzz");

    /** One test a target, each running every kept input of it and naming those that broke the contract. */
    @TestFactory
    Stream<DynamicTest> everyKeptInputPassesItsTarget() {
        return TARGETS.stream().map(target -> DynamicTest.dynamicTest(target.substring(target.lastIndexOf('.') + 1), () -> {
            Method test = Class.forName(target).getMethod("fuzzerTestOneInput", byte[].class);
            Path folder = CORPUS.resolve(target.substring(target.lastIndexOf('.') + 1));
            List<Path> inputs;
            try (Stream<Path> files = Files.list(folder)) {
                inputs = files.sorted().toList();
            }
            assertThat(inputs).as("the kept corpus of %s", target).isNotEmpty();
            List<String> broken = new java.util.ArrayList<>();
            for (Path input : inputs) {
                try {
                    test.invoke(null, (Object) Files.readAllBytes(input));
                } catch (java.lang.reflect.InvocationTargetException e) {
                    broken.add(input.getFileName() + ": " + e.getCause());
                }
            }
            assertThat(broken).as("inputs of %s (of %d) that broke its contract", folder, inputs.size()).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> theRunScriptNamesEveryTarget() throws Exception {
        String script = Files.readString(CORPUS.resolve("run"));
        return TARGETS.stream().map(target -> DynamicTest.dynamicTest(target, () ->
                assertThat(script).contains(target.substring("dev.sluice.".length()))));
    }
}
