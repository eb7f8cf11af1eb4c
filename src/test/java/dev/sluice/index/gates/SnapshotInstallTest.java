package dev.sluice.index.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.ServerSettings;
import dev.sluice.testing.MovableClock;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pip against /snapshot/<time>/simple/ resolves exactly what existed at that time. */
class SnapshotInstallTest {
    @TempDir
    Path dir;

    @Test
    void pipResolvesTheIndexAsItWasThen() throws Exception {
        PythonTools tools = new PythonTools(dir.resolve("home"));
        Path files = Files.createDirectories(dir.resolve("files"));
        MovableClock clock = new MovableClock();
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN),
                clock)) {
            assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(files, "lib", "1.0"), "lib", "1.0")).statusCode()).isEqualTo(200);
            Instant then = clock.instant().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
            clock.advance(Duration.ofSeconds(2)); // what is uploaded now comes after the snapshot's time
            assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(files, "lib", "2.0"), "lib", "2.0")).statusCode()).isEqualTo(200);
            assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(files, "newlib", "1.0"), "newlib", "1.0")).statusCode()).isEqualTo(200);

            String snapshot = sluice.base() + "/snapshot/" + then + "/simple/";
            var old = tools.run(dir, PythonTools.pyenvPython(), "-m", "pip", "install", "--no-cache-dir", "--target",
                    dir.resolve("then").toString(), "--index-url", snapshot, "lib").requireSuccess("pip against the snapshot");
            assertThat(old.output()).contains("Successfully installed lib-1.0");
            var absent = tools.run(dir, PythonTools.pyenvPython(), "-m", "pip", "install", "--no-cache-dir", "--target",
                    dir.resolve("absent").toString(), "--index-url", snapshot, "newlib");
            assertThat(absent.exitCode()).isNotZero();
            assertThat(absent.output()).contains("No matching distribution found for newlib");
            var now = tools.pipInstall(PythonTools.pyenvPython(), sluice, dir.resolve("now"), "lib").requireSuccess("pip now");
            assertThat(now.output()).contains("Successfully installed lib-2.0");

            assertThat(sluice.get("/snapshot/" + then + "/simple/lib/lib-2.0-py3-none-any.whl").statusCode()).isEqualTo(404);
            assertThat(sluice.get("/snapshot/2000-01-01/simple/lib/").statusCode()).isEqualTo(404);
            var bad = sluice.get("/snapshot/yesterday/simple/lib/");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("is not an RFC 3339 time");
        } finally {
            PythonTools.deleteSymbolicLinks(dir);
        }
    }

    @Test
    void theRootListShowsOnlyProjectsThatHadAFileThenWithTheirSerialsOfThen() throws Exception {
        Path files = Files.createDirectories(dir.resolve("files"));
        MovableClock clock = new MovableClock();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String jsonType = "application/vnd.pypi.simple.v1+json";
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN),
                clock)) {
            assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(files, "lib", "1.0"), "lib", "1.0")).statusCode()).isEqualTo(200);
            long serialThen = json.readTree(sluice.get("/simple/", "Accept", jsonType).body()).at("/meta/_last-serial").asLong();
            Instant then = clock.instant().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
            clock.advance(Duration.ofSeconds(2));
            assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(files, "lib", "2.0"), "lib", "2.0")).statusCode()).isEqualTo(200);
            assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(files, "newlib", "1.0"), "newlib", "1.0")).statusCode()).isEqualTo(200);

            var list = json.readTree(sluice.get("/snapshot/" + then + "/simple/", "Accept", jsonType).body());
            var html = sluice.get("/snapshot/" + then + "/simple/").body();

            assertThat(list.at("/projects").size()).isEqualTo(1);
            assertThat(list.at("/projects/0/name").asText()).isEqualTo("lib");
            assertThat(list.at("/projects/0/_last-serial").asLong()).isEqualTo(serialThen);
            assertThat(list.at("/meta/_last-serial").asLong()).isEqualTo(serialThen);
            assertThat(html).contains(">lib<").doesNotContain("newlib");
            var now = json.readTree(sluice.get("/simple/", "Accept", jsonType).body());
            assertThat(now.at("/projects").size()).isEqualTo(2);
            assertThat(now.at("/meta/_last-serial").asLong()).isGreaterThan(serialThen);
            assertThat(json.readTree(sluice.get("/snapshot/2000-01-01/simple/", "Accept", jsonType).body()).at("/projects")
                    .size()).isZero();
        }
    }
}
