package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.Multipart;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.SmallDisk;
import dev.sluice.testing.Wheels;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's own storage failing under it: a full disk, the catalog file removed. (A file system gone read-only
 * cannot be made under a running server here: a remount is refused while files are open for writing;
 * StorageFaultTest reads the kernel's words for it.)
 * Each is the server's fault and worth a retry (507 / 503 with Retry-After, not a 400 that blames the client),
 * /ready says which, and nothing is acknowledged that is not kept.
 */
class StorageFaultsTest {
    @TempDir
    Path dir;

    private static ServerSettings settings(Path data) {
        return ServerSettings.defaults(data).withAdminToken(SluiceHarness.TOKEN).withMaxUploadBytes(512 * 1024);
    }

    private Multipart upload(String name, String version) throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        return Multipart.twineLike(Wheels.wheel(wheels, name, version), name, version);
    }

    @Test
    void aFullDiskIsA507WithRetryAfterAndReadySaysWhy() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "8m");
                SluiceHarness sluice = SluiceHarness.start(settings(disk.path().resolve("data")))) {
            Multipart form = upload("filled", "1.0");
            Path filler = disk.fill();

            HttpResponse<String> refused = sluice.upload(form);

            assertThat(refused.statusCode()).isEqualTo(507);
            assertThat(refused.body()).contains("disk is full", "No space left on device", "nothing was stored");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
            HttpResponse<String> ready = sluice.get("/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("bytes free, less than one upload of the largest size allowed");

            Files.delete(filler);
            assertThat(sluice.upload(form).statusCode()).isEqualTo(200);
            assertThat(sluice.get("/ready").statusCode()).isEqualTo(200);
            assertThat(sluice.get("/simple/filled/").body()).contains("filled-1.0-py3-none-any.whl");
        }
    }

    @Test
    void aCatalogRemovedUnderARunningServerRefusesWritesSoNothingAcknowledgedIsLost() throws Exception {
        Path data = dir.resolve("data");
        try (SluiceHarness sluice = SluiceHarness.startOnSqlite(settings(data))) {
            assertThat(sluice.upload(upload("kept", "1.0")).statusCode()).isEqualTo(200);
            Files.delete(data.resolve("sluice.db"));

            HttpResponse<String> refused = sluice.upload(upload("lost", "1.0"));

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("sluice.db was removed while Sluice was running");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            HttpResponse<String> ready = sluice.get("/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("was removed while Sluice was running");
        }
        try (SluiceHarness restarted = SluiceHarness.startOnSqlite(settings(data))) {
            assertThat(restarted.get("/simple/lost/").statusCode()).as("no upload was acknowledged and then lost").isEqualTo(404);
        }
    }
}
