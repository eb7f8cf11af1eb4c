package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.archive.ArchiveLimits;
import dev.sluice.archive.DistributionMetadataReader;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.testing.MovableClock;
import dev.sluice.util.Digests;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.Nginx;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.PythonTools.Result;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import dev.sluice.app.ServerSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pip through Sluice's proxy, in front of the two kinds of upstream people run: a second Sluice (JSON, PEP 691)
 * and nginx serving a static PEP 503 tree (HTML only). Then the upstream stops, and the same install works
 * from the cache alone.
 */
class ProxyEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/vnd.pypi.simple.v1+json";

    @TempDir
    static Path dir;

    static final List<Path> wheels = new ArrayList<>();
    static PythonTools tools;

    @BeforeAll
    static void buildTheChain() throws Exception {
        Path files = Files.createDirectories(dir.resolve("files"));
        wheels.add(Wheels.wheel(files, "chain-base", "0.9"));
        wheels.add(Wheels.wheel(files, "chain-base", "1.0"));
        wheels.add(Wheels.wheelRequiringPython(files, "chain-base", "2.0", ">=3.8"));
        wheels.add(Wheels.wheel(files, "chain-mid", "1.0", "chain-base>=1.0"));
        wheels.add(Wheels.wheel(files, "chain-top", "1.0", "chain-mid"));
        tools = new PythonTools(dir.resolve("home"));
    }

    @AfterAll
    static void unlink() throws Exception {
        PythonTools.deleteSymbolicLinks(dir);
    }

    private static String project(Path wheel) {
        String name = wheel.getFileName().toString();
        return name.substring(0, name.indexOf('-')).replace('_', '-');
    }

    private static String version(Path wheel) {
        return wheel.getFileName().toString().split("-")[1];
    }

    /** Moved past page TTLs instead of sleeping through them. */
    private static final MovableClock CLOCK = new MovableClock();

    private static SluiceHarness proxyFor(String upstreamIndex, Path data, Duration pageTtl) throws Exception {
        UpstreamSettings upstream = UpstreamSettings.defaults("pypi", URI.create(upstreamIndex))
                .withPageTtl(pageTtl).withTimeout(Duration.ofSeconds(5))
                .withStaleWhileRevalidate(Duration.ZERO); // revalidated before serving: HungUpstreamTest covers the window
        return SluiceHarness.start(ServerSettings.defaults(data).withAdminToken(SluiceHarness.TOKEN).withUpstream(upstream), CLOCK);
    }

    private static Result install(SluiceHarness proxy, String target) throws Exception {
        List<String> command = List.of(PythonTools.pyenvPython(), "-m", "pip", "install", "--no-cache-dir", "--target",
                dir.resolve(target).toString(), "--index-url", proxy.base() + "/indexes/pypi/simple/", "chain-top");
        return tools.run(dir, command.toArray(String[]::new));
    }

    @Test
    void pipInstallsThroughTheProxyFromAJsonUpstreamAndThenFromTheCacheAlone() throws Exception {
        SluiceHarness origin = SluiceHarness.start(dir.resolve("origin"));
        try (SluiceHarness proxy = proxyFor(origin.simpleUrl(), dir.resolve("proxy-json"), Duration.ofSeconds(1))) {
            for (Path wheel : wheels) {
                assertThat(origin.upload(Multipart.twineLike(wheel, project(wheel), version(wheel))).statusCode()).isEqualTo(200);
            }
            assertThat(origin.admin("POST", "/admin/projects/chain-base/releases/0.9/yank", "{\"reason\": \"do not use\"}")
                    .statusCode()).isEqualTo(200);

            Result first = install(proxy, "json-online").requireSuccess("pip through the proxy");
            assertThat(first.output()).contains("chain-base-2.0", "chain-mid-1.0", "chain-top-1.0");
            assertThat(proxy.requests()).as("PEP 658 metadata passed through").anyMatch(r -> r.contains("chain_top-1.0-py3-none-any.whl.metadata 200"));

            // Pages through the proxy keep upload-time, yanks, requires-python, hashes and metadata hashes exactly.
            JsonNode originPage = JSON.readTree(origin.get("/simple/chain-base/", "Accept", JSON_TYPE).body());
            JsonNode proxyPage = JSON.readTree(proxy.get("/indexes/pypi/simple/chain-base/", "Accept", JSON_TYPE).body());
            assertThat(proxyPage.get("versions")).isEqualTo(originPage.get("versions"));
            for (int i = 0; i < originPage.get("files").size(); i++) {
                JsonNode o = originPage.get("files").get(i);
                JsonNode p = proxyPage.get("files").get(i);
                for (String key : List.of("filename", "url", "hashes", "requires-python", "core-metadata", "yanked", "size", "upload-time")) {
                    assertThat(p.get(key)).as("%s of %s", key, o.get("filename")).isEqualTo(o.get(key));
                }
            }
            assertThat(proxyPage.get("files").get(0).get("yanked").asText()).isEqualTo("do not use");

            origin.close();
            CLOCK.advance(Duration.ofMillis(1_200)); // past the page TTL: the proxy must fall back to its stale copies
            Result offline = install(proxy, "json-offline").requireSuccess("pip with the upstream down");
            assertThat(offline.output()).contains("chain-top-1.0");
            assertThat(proxy.get("/indexes/pypi/simple/chain-top/").headers().firstValue("X-Sluice-Stale")).isPresent();
            assertThat(proxy.get("/indexes/pypi/simple/never-fetched/").statusCode()).isEqualTo(503);
        } finally {
            origin.close();
        }
    }

    @Test
    void pipInstallsThroughTheProxyFromAStaticHtmlMirrorAndThenFromTheCacheAlone() throws Exception {
        Path root = Files.createDirectories(dir.resolve("mirror"));
        Path files = Files.createDirectories(root.resolve("packages"));
        Map<String, StringBuilder> pages = new java.util.TreeMap<>();
        for (Path wheel : wheels) {
            Path copy = Files.copy(wheel, files.resolve(wheel.getFileName()));
            byte[] metadata = DistributionMetadataReader.read(copy, DistributionFilename.parse(copy.getFileName().toString()),
                    ArchiveLimits.DEFAULT).bytes();
            Files.write(files.resolve(wheel.getFileName() + ".metadata"), metadata);
            String requiresPython = version(wheel).equals("2.0") ? " data-requires-python=\"&gt;=3.8\"" : "";
            String yanked = version(wheel).equals("0.9") ? " data-yanked=\"do not use\"" : "";
            pages.computeIfAbsent(project(wheel), p -> new StringBuilder()).append("<a href=\"../../packages/")
                    .append(wheel.getFileName()).append("#sha256=").append(Digests.of(Files.readAllBytes(wheel)).sha256())
                    .append("\" data-dist-info-metadata=\"sha256=").append(Digests.of(metadata).sha256()).append('"')
                    .append(requiresPython).append(yanked).append('>').append(wheel.getFileName()).append("</a><br/>\n");
        }
        for (Map.Entry<String, StringBuilder> page : pages.entrySet()) {
            Path projectDir = Files.createDirectories(root.resolve("simple").resolve(page.getKey()));
            Files.writeString(projectDir.resolve("index.html"), "<!DOCTYPE html>\n<html><body>\n" + page.getValue() + "</body></html>\n");
        }
        Nginx nginx = Nginx.serve(root, dir.resolve("nginx"));
        try (SluiceHarness proxy = proxyFor(nginx.url("/simple/"), dir.resolve("proxy-html"), Duration.ofMinutes(10))) {
            Result first = install(proxy, "html-online").requireSuccess("pip through the proxy (HTML upstream)");
            assertThat(first.output()).contains("chain-base-2.0", "chain-mid-1.0", "chain-top-1.0");
            assertThat(nginx.accessLog()).anyMatch(l -> l.contains("chain_top-1.0-py3-none-any.whl.metadata"));
            JsonNode page = JSON.readTree(proxy.get("/indexes/pypi/simple/chain-base/", "Accept", JSON_TYPE).body());
            assertThat(page.get("files").get(0).get("yanked").asText()).isEqualTo("do not use");
            assertThat(page.get("files").get(2).get("requires-python").asText()).isEqualTo(">=3.8");

            nginx.close();
            Result offline = install(proxy, "html-offline").requireSuccess("pip with nginx stopped");
            assertThat(offline.output()).contains("chain-top-1.0");
        } finally {
            nginx.close();
        }
    }
}
