package dev.sluice.hosted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.util.Digests;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.SlowUpload;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.SluiceProcess;
import dev.sluice.testing.Wheels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed with SIGKILL in the middle of an upload: after a restart on the same data, everything
 * acknowledged before is served intact, and nothing of the interrupted upload exists.
 */
@Timeout(180)
class CrashSafetyIT {
    @TempDir
    Path dir;

    @Test
    void aKilledServerKeepsWhatItAcknowledgedAndNothingHalfWritten() throws Exception {
        Map<String, String> env = Map.of("SLUICE_ADMIN_TOKEN", SluiceHarness.TOKEN);
        Path data = dir.resolve("data");
        Path files = Files.createDirectories(dir.resolve("files"));
        Path acknowledged = Wheels.wheel(files, "acknowledged", "1.0");
        byte[] large = new byte[8 << 20];
        new Random(4).nextBytes(large);
        Multipart interrupted = Multipart.twineLike(Wheels.wheel(files, "interrupted", "1.0"), "interrupted", "1.0")
                .file("interrupted-1.0-py3-none-any.whl", large);

        try (SluiceProcess first = SluiceProcess.start(dir, env, "--port", "0", "--data-dir", data.toString(), "--upstream", "none");
                HttpClient client = HttpClient.newHttpClient()) {
            Multipart form = Multipart.twineLike(acknowledged, "acknowledged", "1.0");
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(first.base() + "/legacy/"))
                    .header("Content-Type", form.contentType()).header("Authorization", "Bearer " + SluiceHarness.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            try (SlowUpload upload = new SlowUpload(first.port(), interrupted, SluiceHarness.TOKEN)) {
                upload.send(0.7);
                Thread.sleep(500);
                first.kill();
            }
        }

        try (SluiceProcess second = SluiceProcess.start(dir, env, "--port", "0", "--data-dir", data.toString(), "--upstream", "none");
                HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> file = client.send(HttpRequest.newBuilder(URI.create(second.base()
                    + "/simple/acknowledged/acknowledged-1.0-py3-none-any.whl")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(Digests.of(file.body()).sha256()).isEqualTo(Digests.of(Files.readAllBytes(acknowledged)).sha256());
            HttpResponse<String> gone = client.send(HttpRequest.newBuilder(URI.create(second.base() + "/simple/interrupted/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(InterruptedUploadTest.leftovers(data)).as("only the acknowledged file's blob remains")
                    .hasSize(2).allMatch(p -> p.toString().contains("/blobs/sha256/"));
        }
    }
}
