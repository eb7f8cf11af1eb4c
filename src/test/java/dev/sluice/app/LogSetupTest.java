package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The log as a fresh JVM sets it up: Sluice's lines on standard error at INFO and the libraries' at WARN,
 * {@code -Dsluice.log.level} for Sluice's own, and an operator's own logback file taking over when given.
 */
class LogSetupTest {
    @TempDir
    Path dir;

    /** The child JVM's program: one INFO and one WARN line from Sluice, one INFO and one WARN line from Jetty. */
    public static final class Speaker {
        public static void main(String[] args) {
            LoggerFactory.getLogger("dev.sluice.web.Somewhere").info("sluice says hello");
            LoggerFactory.getLogger("dev.sluice.web.Somewhere").warn("sluice warns");
            LoggerFactory.getLogger("org.eclipse.jetty.server.Server").info("jetty says hello");
            LoggerFactory.getLogger("org.eclipse.jetty.server.Server").warn("jetty warns");
        }
    }

    private static List<String> linesOf(String... properties) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Speaker.class.getName()));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(err).isZero();
        return err.lines().toList();
    }

    @Test
    void sluiceSpeaksAtInfoTheLibrariesAtWarnInLinesForPeople() throws Exception {
        assertThat(linesOf()).satisfiesExactly(
                line -> assertThat(line).matches(
                        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  Somewhere - sluice says hello"),
                line -> assertThat(line).endsWith(" WARN  Somewhere - sluice warns"),
                line -> assertThat(line).endsWith(" WARN  Server - jetty warns"));
    }

    @Test
    void theLevelOfSluicesOwnLinesIsAProperty() throws Exception {
        assertThat(linesOf("-Dsluice.log.level=WARN")).hasSize(2).noneMatch(line -> line.contains("hello"));
    }

    @Test
    void anOperatorsOwnLogbackFileTakesOver() throws Exception {
        Path file = Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>mine: %level %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        assertThat(linesOf("-Dlogback.configurationFile=" + file)).containsExactly("mine: INFO sluice says hello",
                "mine: WARN sluice warns", "mine: INFO jetty says hello", "mine: WARN jetty warns");
    }
}
