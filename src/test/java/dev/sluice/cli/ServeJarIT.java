package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, started as the README says, from a fresh working directory. */
@Timeout(120)
class ServeJarIT {
    private static final Pattern LISTENING = Pattern.compile("Sluice listening on (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path workingDirectory;

    @Test
    void servesHealthWithItsDataInTheDefaultDirectory() throws Exception {
        Path jar = Path.of("target/sluice.jar").toAbsolutePath();
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long started = System.nanoTime();
        Process sluice = new ProcessBuilder(java, "-jar", jar.toString(), "serve", "--port", "0")
                .directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        try {
            CompletableFuture<String> address = CompletableFuture.supplyAsync(() -> awaitListeningLine(sluice));
            String base = address.get(60, TimeUnit.SECONDS);
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                long firstOk = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertThat(health.statusCode()).isEqualTo(200);
                System.out.println("ServeJarIT: start to first 200 on /health took " + firstOk + " ms");
            }
            assertThat(workingDirectory.resolve("sluice-data")).isDirectory();
        } finally {
            sluice.destroy();
            assertThat(sluice.waitFor(30, TimeUnit.SECONDS)).as("Sluice stops on SIGTERM").isTrue();
        }
    }

    /** Reads the server's output until it says where it listens; keeps draining it afterwards. */
    private static String awaitListeningLine(Process process) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                seen.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "sluice-output-drain");
                    drain.setDaemon(true);
                    drain.start();
                    return m.group(1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("Sluice exited without listening:\n" + seen);
    }
}
