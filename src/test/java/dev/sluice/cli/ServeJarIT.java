package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.Eventually;
import dev.sluice.testing.SluiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, started as the README says, from a fresh working directory. */
@Timeout(120)
class ServeJarIT {
    /**
     * The README's JVM options: the ahead-of-time cache packaging wrote (JDK 25 and later). With {@code AOTMode=on}
     * the JVM refuses to start when it cannot use the cache (missing, or made from another jar or JDK), where the
     * README's command would only warn and start slower.
     */
    private static final List<String> README_JVM_OPTIONS = Runtime.version().feature() >= 25
            ? List.of("-XX:AOTMode=on", "-XX:AOTCache=" + Path.of("target/sluice.aot").toAbsolutePath()) : List.of();

    @TempDir
    Path workingDirectory;

    @Test
    void servesHealthWithItsDataInTheDefaultDirectory() throws Exception {
        long started = System.nanoTime();
        try (SluiceProcess sluice = SluiceProcess.start(workingDirectory, Map.of(), README_JVM_OPTIONS, "--port", "0");
                HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(sluice.base() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            long firstOk = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(sluice.startupOutput()).as("the JVM has nothing to say about the cache").doesNotContain("[aot]");
            System.out.println("ServeJarIT: start to first 200 on /health took " + firstOk + " ms");
            Path data = workingDirectory.resolve("sluice-data");
            assertThat(data.resolve("sluice.db")).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("admin-token"))))
                    .as("the generated admin token is readable by its owner only").isEqualTo("rw-------");
            assertThat(Files.readString(data.resolve("admin-token"))).startsWith("sluice_").hasSize("sluice_".length() + 64 + 1);
            assertThat(sluice.stop()).as("Sluice stops on SIGTERM").isTrue();
        }
    }

    @Test
    void readsItsConfigFileAgainOnSighup() throws Exception {
        String graph = """
                [sources.local]
                type = "hosted"
                [routes.main]
                path = "/simple/"
                serve = "local"
                """;
        Path etc = Files.createDirectories(workingDirectory.resolve("etc"));
        Path config = Files.writeString(etc.resolve("sluice.toml"), graph);
        try (SluiceProcess sluice = SluiceProcess.start(workingDirectory, Map.of(), "--port", "0", "--config", "etc/sluice.toml");
                HttpClient client = HttpClient.newHttpClient()) {
            URI extra = URI.create(sluice.base() + "/indexes/extra/simple/");
            assertThat(client.send(HttpRequest.newBuilder(extra).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            Files.writeString(config, graph + "[routes.extra]\nserve = \"local\"\n");
            sluice.hangup();
            int status = Eventually.poll(() -> client.send(HttpRequest.newBuilder(extra).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), answer -> answer == 200);
            assertThat(status).as("the route the file gained is served after SIGHUP").isEqualTo(200);
            assertThat(etc.resolve("sluice-data").resolve("sluice.db")).as("a file without data-dir: its data beside it,"
                    + " as every path in it is relative to it").isRegularFile();
            assertThat(sluice.stop()).isTrue();
        }
    }
}
