package dev.sluice.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testing.Eventually;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the reports count: a download is a complete 200 GET of a file (a HEAD, a range or a revalidation is not); a
 * refused upload, 400 or 403, is among the refusals, a permission refusal under the gate 'access'.
 */
class DownloadsReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode report(SluiceHarness sluice, String path) throws Exception {
        return JSON.readTree(sluice.get(path, "Authorization", "Bearer " + SluiceHarness.TOKEN).body());
    }

    @Test
    void onlyACompleteGetOfAFileIsADownload() throws Exception {
        try (SluiceHarness sluice = SluiceHarness.start(dir.resolve("data"))) {
            Path wheel = Wheels.wheel(Files.createDirectories(dir.resolve("w")), "counted", "1.0");
            assertThat(sluice.upload(Multipart.twineLike(wheel, "counted", "1.0")).statusCode()).isEqualTo(200);
            String file = "/simple/counted/counted-1.0-py3-none-any.whl";

            assertThat(sluice.get(file).statusCode()).isEqualTo(200);
            assertThat(sluice.send(sluice.request(file).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            assertThat(sluice.get(file, "Range", "bytes=0-9").statusCode()).isEqualTo(206);
            assertThat(sluice.get(file, "Range", "bytes=10-19").statusCode()).isEqualTo(206);

            JsonNode events = Eventually.poll(() -> JSON.readTree("[" + String.join(",", sluice.get("/admin/usage/export",
                    "Authorization", "Bearer " + SluiceHarness.TOKEN).body().lines().filter(l -> l.contains("\"kind\":\"file\""))
                    .toList()) + "]"), e -> e.size() == 4);
            assertThat(events.findValuesAsText("decision")).containsExactly("downloaded", "checked", "partial", "partial");
            assertThat(report(sluice, "/admin/usage/top").at("/projects/0/downloads").asLong()).isEqualTo(1);
            assertThat(report(sluice, "/admin/usage/downloads?project=counted").at("/downloads/0/downloads").asLong())
                    .isEqualTo(1);
            assertThat(report(sluice, "/admin/usage/who?project=counted").at("/fetchers/0/downloads").asLong()).isEqualTo(1);
            assertThat(sluice.get("/admin/usage/top?limit=many", "Authorization", "Bearer " + SluiceHarness.TOKEN).statusCode())
                    .isEqualTo(400);
        }
    }

    @Test
    void refusedUploadsAreAmongTheRefusalsAPermissionRefusalUnderAccess() throws Exception {
        try (SluiceHarness sluice = SluiceHarness.start(dir.resolve("data"))) {
            Path wheels = Files.createDirectories(dir.resolve("w"));
            assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(wheels, "owned", "1.0"), "owned", "1.0")).statusCode())
                    .isEqualTo(200);
            assertThat(sluice.admin("POST", "/admin/users", "{\"name\": \"mallory\"}").statusCode()).isEqualTo(201);
            String token = JSON.readTree(sluice.admin("POST", "/tokens", "{\"user\": \"mallory\", \"scopes\": [\"upload\"]}")
                    .body()).get("token").asText();
            HttpResponse<String> notHers = sluice.upload(Multipart.twineLike(Wheels.wheel(wheels, "owned", "2.0"), "owned", "2.0"),
                    "Bearer " + token);
            assertThat(notHers.statusCode()).isEqualTo(403);
            HttpResponse<String> malformed = sluice.upload(Multipart.twineLike(Wheels.wheel(wheels, "owned", "3.0"), "owned", "3.0")
                    .set("version", "not a version"));
            assertThat(malformed.statusCode()).isEqualTo(400);

            JsonNode refusals = Eventually.poll(() -> report(sluice, "/admin/usage/refusals").get("refusals"), r -> r.size() >= 2);
            assertThat(refusals).anySatisfy(r -> {
                assertThat(r.get("gate").asText()).isEqualTo("access");
                assertThat(r.get("reason").asText()).contains("owned");
            });
            assertThat(refusals).anySatisfy(r -> assertThat(r.get("reason").asText()).contains("Invalid 'version'"));
        }
    }
}
