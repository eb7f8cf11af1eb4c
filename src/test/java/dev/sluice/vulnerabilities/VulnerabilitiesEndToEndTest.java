package dev.sluice.vulnerabilities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.ServerSettings;
import dev.sluice.config.ConfigReader;
import dev.sluice.testing.Eventually;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.OsvRecords;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known vulnerabilities with real pip: a hosted project with a vulnerable and a fixed version. Two accounts install the
 * vulnerable one and a third the fixed one; then an advisory is imported through the admin API. With {@code hide}, pip
 * takes the fixed version and a pinned install of the vulnerable one fails naming the advisory; with {@code refuse}
 * the file answers 403; the JSON API lists the advisory as Warehouse does; the OSV API answers as api.osv.dev; the
 * impact report names exactly the two accounts.
 */
class VulnerabilitiesEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery staple";
    private static final String GRAPH = """
            [sources.local]
            type = "hosted"

            [gates.checked]
            type = "vulnerability-policy"
            source = "local"
            action = "hide"

            [gates.strict]
            type = "vulnerability-policy"
            source = "local"
            action = "refuse"

            [routes.main]
            path = "/simple/"
            serve = "checked"

            [routes.strict]
            serve = "strict"

            [routes.open]
            serve = "local"
            """;
    static final String ADVISORY = """
            {"id": "PYSEC-2099-1", "modified": "2026-11-30T10:00:00.5Z", "published": "2026-11-29T00:00:00Z",
             "aliases": ["CVE-2099-0001"], "summary": "demo leaks secrets", "details": "Versions before 2.0 send the token to 192.0.2.1.",
             "affected": [{"package": {"name": "Demo", "ecosystem": "PyPI", "purl": "pkg:pypi/demo"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}],
             "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
             "references": [{"type": "WEB", "url": "https://example.com/advisory"}]}
            """;

    @TempDir
    Path dir;

    @Test
    void pipTheJsonApiTheOsvApiAndTheImpactReport() throws Exception {
        Path config = Files.writeString(dir.resolve("sluice.toml"), GRAPH);
        PythonTools tools = new PythonTools(dir.resolve("home"));
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data"))
                .withAdminToken(SluiceHarness.TOKEN).withConfigFile(config, ConfigReader.read(config, null).graph()))) {
            Path files = Files.createDirectories(dir.resolve("files"));
            for (String version : List.of("1.0", "2.0")) {
                assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(files, "demo", version), "demo", version)).statusCode())
                        .isEqualTo(200);
            }
            for (String user : List.of("alice", "bob", "carol")) {
                assertThat(sluice.admin("POST", "/admin/users", "{\"name\": \"" + user + "\", \"password\": \"" + PASSWORD + "\"}")
                        .statusCode()).isEqualTo(201);
            }
            // before the advisory: alice and bob install the version it will name, carol the fixed one
            install(tools, sluice, "alice", "/simple/", "demo==1.0").requireSuccess("alice");
            install(tools, sluice, "bob", "/simple/", "demo==1.0").requireSuccess("bob");
            install(tools, sluice, "carol", "/simple/", "demo==2.0").requireSuccess("carol");

            String report = OsvRecords.importZip(sluice, OsvRecords.zip(ADVISORY));
            assertThat(report).contains("\"progress\"").contains("\"added\":1").contains("\"skipped\":0");

            // hide: pip takes the fixed version; the vulnerable one, pinned, fails with the advisory named
            PythonTools.Result latest = install(tools, sluice, "carol", "/simple/", "demo<3").requireSuccess("pip, hide");
            assertThat(latest.output()).contains("Successfully installed demo-2.0");
            PythonTools.Result pinned = install(tools, sluice, "carol", "/simple/", "demo==1.0");
            assertThat(pinned.exitCode()).isNotZero();
            assertThat(pinned.output()).contains("No matching distribution found for demo==1.0");
            HttpResponse<String> byUrl = sluice.get("/simple/demo/demo-1.0-py3-none-any.whl");
            assertThat(byUrl.statusCode()).isEqualTo(403);
            assertThat(byUrl.body()).contains("PYSEC-2099-1").contains("CVE-2099-0001").contains("high, CVSS 7.5")
                    .contains("fixed in 2.0").contains("An exception in gate 'checked' naming PYSEC-2099-1 would allow it");
            JsonNode hiddenPage = JSON.readTree(sluice.get("/simple/demo/", "Accept", "application/vnd.pypi.simple.v1+json").body());
            assertThat(hiddenPage.get("files")).extracting(f -> f.get("filename").asText()).containsExactly("demo-2.0-py3-none-any.whl");
            assertThat(hiddenPage.get("_hidden").get(0).get("reason").asText()).contains("PYSEC-2099-1");

            // refuse: the page keeps the file, which answers 403; the JSON page says why
            JsonNode strictPage = JSON.readTree(sluice.get("/indexes/strict/simple/demo/", "Accept",
                    "application/vnd.pypi.simple.v1+json").body());
            assertThat(strictPage.get("files")).hasSize(2);
            assertThat(strictPage.get("_vulnerabilities").get("demo-1.0-py3-none-any.whl").get("action").asText()).isEqualTo("refuse");
            assertThat(strictPage.get("_vulnerabilities").get("demo-1.0-py3-none-any.whl").get("advisories").get(0).asText())
                    .isEqualTo("PYSEC-2099-1");
            String html = sluice.get("/indexes/strict/simple/demo/").body();
            assertThat(html).doesNotContain("PYSEC").doesNotContain("_vulnerabilities");
            PythonTools.Result refused = install(tools, sluice, "carol", "/indexes/strict/simple/", "demo==1.0");
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.output()).contains("403");
            assertThat(sluice.get("/indexes/strict/simple/demo/demo-1.0-py3-none-any.whl.metadata").statusCode()).isEqualTo(403);

            // the JSON API, in Warehouse's shape
            JsonNode release = JSON.readTree(sluice.get("/indexes/strict/pypi/demo/1.0/json").body());
            assertThat(release.get("vulnerabilities")).singleElement().satisfies(v -> {
                assertThat(v.get("id").asText()).isEqualTo("PYSEC-2099-1");
                assertThat(v.get("aliases")).extracting(JsonNode::asText).containsExactly("CVE-2099-0001");
                assertThat(v.get("summary").asText()).isEqualTo("demo leaks secrets");
                assertThat(v.get("details").asText()).startsWith("Versions before 2.0");
                assertThat(v.get("fixed_in")).extracting(JsonNode::asText).containsExactly("2.0");
                assertThat(v.get("link").asText()).isEqualTo("https://osv.dev/vulnerability/PYSEC-2099-1");
                assertThat(v.get("source").asText()).isEqualTo("osv");
                assertThat(v.get("withdrawn").isNull()).isTrue();
            });
            assertThat(JSON.readTree(sluice.get("/pypi/demo/json").body()).get("vulnerabilities")).as("2.0 is fixed").isEmpty();

            osvApi(sluice);
            impact(sluice);
        } finally {
            PythonTools.deleteSymbolicLinks(dir);
        }
    }

    private void osvApi(SluiceHarness sluice) throws Exception {
        HttpResponse<String> query = sluice.call("POST", "/v1/query", null,
                "{\"package\": {\"name\": \"demo\", \"ecosystem\": \"PyPI\"}, \"version\": \"1.0\"}");
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(query.body())).isEqualTo(JSON.readTree("{\"vulns\": [" + ADVISORY + "]}"));
        assertThat(sluice.call("POST", "/v1/query", null, "{\"package\": {\"purl\": \"pkg:pypi/demo@2.0\"}}").body()).isEqualTo("{}");
        HttpResponse<String> batch = sluice.call("POST", "/v1/querybatch", null, "{\"queries\": ["
                + "{\"package\": {\"name\": \"demo\", \"ecosystem\": \"PyPI\"}, \"version\": \"1.0\"},"
                + "{\"package\": {\"name\": \"demo\", \"ecosystem\": \"PyPI\"}, \"version\": \"2.0\"},"
                + "{\"package\": {\"purl\": \"pkg:pypi/Demo@0.9\"}}]}");
        assertThat(JSON.readTree(batch.body())).isEqualTo(JSON.readTree("{\"results\": ["
                + "{\"vulns\": [{\"id\": \"PYSEC-2099-1\", \"modified\": \"2026-11-30T10:00:00.500Z\"}]}, {},"
                + "{\"vulns\": [{\"id\": \"PYSEC-2099-1\", \"modified\": \"2026-11-30T10:00:00.500Z\"}]}]}"));
        assertThat(JSON.readTree(sluice.get("/v1/vulns/PYSEC-2099-1").body())).isEqualTo(JSON.readTree(ADVISORY));
        HttpResponse<String> missing = sluice.get("/v1/vulns/PYSEC-0000-0");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body())).isEqualTo(JSON.readTree("{\"code\": 5, \"message\": \"Bug not found.\"}"));
        HttpResponse<String> invalid = sluice.call("POST", "/v1/query", null, "{\"version\": \"1.0\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.body()).get("code").asInt()).isEqualTo(3);
    }

    private void impact(SluiceHarness sluice) throws Exception {
        JsonNode impact = Eventually.poll(() -> JSON.readTree(sluice.admin("GET", "/admin/vulnerabilities/CVE-2099-0001/impact", null)
                .body()), j -> j.get("downloaders") != null && j.get("downloaders").size() >= 2);
        assertThat(impact.get("id").asText()).isEqualTo("PYSEC-2099-1");
        List<String> who = new ArrayList<>();
        impact.get("downloaders").forEach(d -> {
            who.add(d.get("identity").asText());
            assertThat(d.get("installer").asText()).isEqualTo("pip");
            assertThat(d.get("python").asText()).isNotEmpty();
            assertThat(d.get("client_address").asText()).isEqualTo("127.0.0.1");
        });
        assertThat(who).containsExactlyInAnyOrder("alice", "bob");
        JsonNode affected = JSON.readTree(sluice.admin("GET", "/admin/vulnerabilities/affected?since=30d", null).body());
        assertThat(affected.get("affected")).singleElement().satisfies(row -> {
            assertThat(row.get("project").asText()).isEqualTo("demo");
            assertThat(row.get("version").asText()).isEqualTo("1.0");
            assertThat(row.get("downloads").asLong()).isEqualTo(2);
            assertThat(row.get("worst").asText()).isEqualTo("high");
        });
    }

    private PythonTools.Result install(PythonTools tools, SluiceHarness sluice, String user, String route, String requirement)
            throws Exception {
        String index = sluice.base().replace("http://", "http://" + user + ":" + PASSWORD.replace(" ", "%20") + "@") + route;
        return tools.run(tools.home(), PythonTools.pyenvPython(), "-m", "pip", "install", "--no-cache-dir", "--target",
                dir.resolve("target-" + user + "-" + System.nanoTime()).toString(), "--index-url", index, requirement);
    }
}
