package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.Eventually;
import dev.sluice.testing.Multipart;
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

    @Test
    void logsJsonLinesNamingTheRequestIdItsUsageEventCarries() throws Exception {
        String token = "sluice_" + "0123456789abcdef".repeat(4);
        Path usage = workingDirectory.resolve("usage.jsonl");
        try (SluiceProcess sluice = SluiceProcess.start(workingDirectory, Map.of("SLUICE_ADMIN_TOKEN", token), "--port", "0",
                "--upstream", "none", "--log-format", "json", "--usage-log-file", usage.toString());
                HttpClient client = HttpClient.newHttpClient()) {
            // Bytes that are no distribution: refused, and the refusal logged while the request is handled.
            Multipart junk = Multipart.twineLike(Files.writeString(workingDirectory.resolve("junk-1.0.tar.gz"), "not a tar"),
                    "junk", "1.0");
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(sluice.base() + "/legacy/"))
                    .header("Content-Type", junk.contentType()).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(junk.body())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(sluice.stop()).isTrue();

            List<JsonNode> logLines = new java.util.ArrayList<>();
            for (String line : sluice.output()) {
                assertThat(line).as("every line of the log is one JSON object").startsWith("{").endsWith("}");
                logLines.add(JSON.readTree(line));
            }
            JsonNode refusal = logLines.stream().filter(l -> l.path("message").asText().contains("junk-1.0.tar.gz"))
                    .findFirst().orElseThrow(() -> new AssertionError("no log line names the upload: " + logLines));
            assertThat(refusal.path("level").asText()).isNotEmpty();
            assertThat(refusal.path("time").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
            String requestId = refusal.path("request_id").asText();
            assertThat(requestId).as("the line names its request").matches("[0-9a-f]{10}-[0-9a-z]+");
            JsonNode event = Files.readAllLines(usage).stream().map(ServeJarIT::json)
                    .filter(e -> requestId.equals(e.path("request_id").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no usage event carries " + requestId));
            assertThat(event.path("kind").asText()).isEqualTo("upload");
            assertThat(event.path("status").asInt()).isEqualTo(400);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
