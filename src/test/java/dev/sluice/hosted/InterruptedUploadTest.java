package dev.sluice.hosted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.Eventually;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.SlowUpload;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.nio.file.Files;
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
            int port = Integer.parseInt(sluice.base().substring(sluice.base().lastIndexOf(':') + 1));
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
}
