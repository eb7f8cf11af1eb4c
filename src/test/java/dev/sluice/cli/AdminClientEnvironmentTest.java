package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.SluiceHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin commands find their server and token in the environment: SLUICE_SERVER, SLUICE_TOKEN, SLUICE_TOKEN_FILE. */
class AdminClientEnvironmentTest {
    @TempDir
    Path dir;

    /** Runs the command line in a child JVM with exactly this environment (and the working directory {@code dir}). */
    private String[] run(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsluice.log.level=OFF", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SLUICE_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {Integer.toString(process.waitFor()), out, err};
    }

    @Test
    void theServerAndTokenComeFromTheEnvironment() throws Exception {
        try (SluiceHarness sluice = SluiceHarness.start(dir.resolve("data"))) {
            String[] listed = run(Map.of("SLUICE_SERVER", sluice.base(), "SLUICE_TOKEN", SluiceHarness.TOKEN), "usage", "top",
                    "--format", "json");
            assertThat(listed[0]).as(listed[2]).isEqualTo("0");
            assertThat(listed[1]).contains("\"projects\":[]");

            Path tokenFile = Files.writeString(dir.resolve("token"), SluiceHarness.TOKEN + "\n");
            String[] fromFile = run(Map.of("SLUICE_SERVER", sluice.base(), "SLUICE_TOKEN_FILE", tokenFile.toString()), "usage", "top");
            assertThat(fromFile[0]).as(fromFile[2]).isEqualTo("0");

            String[] wrong = run(Map.of("SLUICE_SERVER", sluice.base(), "SLUICE_TOKEN", "sluice_not_a_token"), "usage", "top");
            assertThat(wrong[0]).isNotEqualTo("0");
            assertThat(wrong[2]).contains("401");
        }
    }
}
