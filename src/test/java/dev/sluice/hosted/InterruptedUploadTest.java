package dev.sluice.hosted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.Eventually;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.SlowUpload;
import dev.sluice.app.ServerSettings;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.nio.file.Files;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that goes away in the middle of an upload leaves nothing behind: no blob, no catalog row, no temp file. */
class InterruptedUploadTest {
    @TempDir
    Path dir;

    @Test
    void aClientThatDisconnectsMidUploadLeavesNothing() throws Exception {
        try (SluiceHarness sluice = SluiceHarness.start(dir.resolve("data"))) {
            byte[] large = new byte[3 << 20];
            new Random(9).nextBytes(large);
            Path wheel = Wheels.wheel(Files.createDirectories(dir.resolve("w")), "interrupted", "1.0");
            Multipart form = Multipart.twineLike(wheel, "interrupted", "1.0").file("interrupted-1.0-py3-none-any.whl", large);
            int port = sluice.port();
            try (SlowUpload upload = new SlowUpload(port, form, SluiceHarness.TOKEN)) {
                upload.send(0.6);
                Thread.sleep(300);
            }
            // The server notices the broken request; give it a moment to clean up its temporary parts.
            assertThat(Eventually.poll(() -> leftovers(sluice.data()), List::isEmpty)).as("files left in the data directory").isEmpty();
            assertThat(sluice.get("/simple/interrupted/").statusCode()).isEqualTo(404);
            assertThat(sluice.get("/simple/", "Accept", "application/vnd.pypi.simple.v1+json").body()).contains("\"projects\":[]");
        }
    }

    /** Every file in the data directory other than the catalog database and the admin token. */
    static java.util.List<Path> leftovers(Path data) throws Exception {
        try (Stream<Path> all = Files.walk(data)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("sluice.db"))
                    .filter(p -> !p.getFileName().toString().equals("admin-token"))
                    .toList();
        }
    }

    @Test
    void anUploadRunningWhenTheServerStopsMayFinishWhileNewRequestsAreToldToRetry() throws Exception {
        SluiceHarness sluice = SluiceHarness.start(dir.resolve("data"));
        Path wheel = Wheels.wheel(Files.createDirectories(dir.resolve("w")), "stopped", "1.0");
        // A long description makes the body large enough to be half sent.
        Multipart form = Multipart.twineLike(wheel, "stopped", "1.0").field("description", "x".repeat(3 << 20));
        int port = sluice.port();
        try (SlowUpload upload = new SlowUpload(port, form, SluiceHarness.TOKEN)) {
            upload.send(0.5);
            // Waited for, not slept on: on a busy machine the server may take a while to begin the upload.
            assertThat(Eventually.poll(sluice::requestsInFlight, n -> n > 0)).as("the upload is being handled").isPositive();
            Thread stopping = Thread.ofVirtual().start(sluice::close);

            HttpResponse<String> arriving = Eventually.poll(() -> sluice.get("/simple/"), r -> r.statusCode() == 503);
            assertThat(arriving.statusCode()).isEqualTo(503);
            assertThat(arriving.headers().firstValue("Retry-After")).isPresent();
            assertThat(arriving.body()).contains("Sluice is stopping");
            upload.send(1.0);
            String answer = upload.answer();

            stopping.join();
            assertThat(answer).startsWith("HTTP/1.1 200 ");
        }
        // (an answer to the stopped upload, then the whole stop, then a new start sees the file)
        try (SluiceHarness restarted = SluiceHarness.start(dir.resolve("data"))) {
            assertThat(restarted.get("/simple/stopped/").body()).contains("stopped-1.0-py3-none-any.whl");
        }
    }

    @Test
    void anOversizedUploadIsReadToItsEndSoTheSenderSeesThe413() throws Exception {
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data"))
                .withAdminToken(SluiceHarness.TOKEN).withMaxUploadBytes(1 << 20))) {
            byte[] large = new byte[48 << 20];
            new Random(11).nextBytes(large);
            Path wheel = Wheels.wheel(Files.createDirectories(dir.resolve("w")), "huge", "1.0");
            Multipart form = Multipart.twineLike(wheel, "huge", "1.0").file("huge-1.0-py3-none-any.whl", large);
            int port = sluice.port();
            try (SlowUpload upload = new SlowUpload(port, form, SluiceHarness.TOKEN)) {
                upload.send(1.0); // as twine does: the whole body, then the answer is read

                assertThat(upload.answer()).startsWith("HTTP/1.1 413 ").contains("File too large")
                        .as("a connection whose body was not all read is not to be reused").containsIgnoringCase("Connection: close");
            }
        }
    }
}
