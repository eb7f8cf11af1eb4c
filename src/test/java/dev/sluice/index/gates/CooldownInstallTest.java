package dev.sluice.index.gates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.config.DefaultGraph;
import dev.sluice.proxy.UpstreamSettings;
import dev.sluice.util.Digests;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import dev.sluice.app.ServerSettings;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pip behind a two-day cooldown: a release published an hour ago is invisible, the previous one installs. */
class CooldownInstallTest {
    @TempDir
    Path dir;

    @Test
    void pipInstallsThePreviousVersionAndThePageSaysWhy() throws Exception {
        Path files = Files.createDirectories(dir.resolve("files"));
        Path old = Wheels.wheel(files, "lib", "1.0");
        Path fresh = Wheels.wheel(files, "lib", "2.0");
        Instant oldTime = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant freshTime = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String page = """
                {"meta": {"api-version": "1.1"}, "name": "lib", "files": [
                  {"filename": "%s", "url": "/files/%1$s", "hashes": {"sha256": "%s"}, "upload-time": "%s"},
                  {"filename": "%s", "url": "/files/%4$s", "hashes": {"sha256": "%s"}, "upload-time": "%s"}]}
                """.formatted(old.getFileName(), Digests.of(Files.readAllBytes(old)).sha256(), oldTime,
                fresh.getFileName(), Digests.of(Files.readAllBytes(fresh)).sha256(), freshTime);
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/simple/lib/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.pypi.simple.v1+json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.createContext("/files/", exchange -> {
            byte[] body = Files.readAllBytes(files.resolve(exchange.getRequestURI().getPath().substring("/files/".length())));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
        UpstreamSettings pypi = UpstreamSettings.defaults("pypi", URI.create("http://127.0.0.1:" + upstream.getAddress().getPort() + "/simple/"));
        PythonTools tools = new PythonTools(dir.resolve("home"));
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN)
                .withGraph(DefaultGraph.of(pypi).withCooldown(Duration.ofDays(2), List.of()).graph()))) {
            var install = tools.pipInstall(PythonTools.pyenvPython(), sluice, dir.resolve("target"), "lib").requireSuccess("pip install lib");
            assertThat(install.output()).contains("Successfully installed lib-1.0");
            JsonNode json = new ObjectMapper().readTree(sluice.get("/simple/lib/", "Accept", "application/vnd.pypi.simple.v1+json").body());
            assertThat(json.get("versions")).extracting(JsonNode::asText).containsExactly("1.0");
            JsonNode hidden = json.get("_hidden").get(0);
            assertThat(hidden.get("filename").asText()).isEqualTo("lib-2.0-py3-none-any.whl");
            assertThat(hidden.get("gate").asText()).isEqualTo("cooldown");
            assertThat(hidden.get("until").asText()).startsWith(freshTime.plus(Duration.ofDays(2)).toString().substring(0, 19));
            assertThat(sluice.get("/simple/lib/lib-2.0-py3-none-any.whl").statusCode()).as("not by URL either").isEqualTo(403);
        } finally {
            upstream.stop(0);
            PythonTools.deleteSymbolicLinks(dir);
        }
    }
}
