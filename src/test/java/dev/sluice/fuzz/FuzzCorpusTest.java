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
            "dev.sluice.hosted.UploadFormFuzz");
    private static final Path CORPUS = Path.of("src/test/fuzz");

    @TestFactory
    Stream<DynamicTest> everyKeptInputPassesItsTarget() throws Exception {
        Stream<DynamicTest> all = Stream.empty();
        for (String target : TARGETS) {
            Method test = Class.forName(target).getMethod("fuzzerTestOneInput", byte[].class);
            Path folder = CORPUS.resolve(target.substring(target.lastIndexOf('.') + 1));
            List<Path> inputs;
            try (Stream<Path> files = Files.list(folder)) {
                inputs = files.sorted().toList();
            }
            assertThat(inputs).as("the kept corpus of %s", target).isNotEmpty();
            all = Stream.concat(all, inputs.stream().map(input -> DynamicTest.dynamicTest(
                    folder.getFileName() + "/" + input.getFileName(), () -> {
                        try {
                            test.invoke(null, (Object) Files.readAllBytes(input));
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    })));
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> theRunScriptNamesEveryTarget() throws Exception {
        String script = Files.readString(CORPUS.resolve("run"));
        return TARGETS.stream().map(target -> DynamicTest.dynamicTest(target, () ->
                assertThat(script).contains(target.substring("dev.sluice.".length()))));
    }
}
