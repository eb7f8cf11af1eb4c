package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import dev.sluice.app.ServerSettings;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph from a sluice.toml, served for real: several routes, a folder of wheels with metadata injected,
 * a union with the hosted source, a local yank; then reloads, good and bad, while a download is in flight.
 */
class ConfiguredGraphTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRAPH = """
            [sources.local]
            type = "hosted"

            [sources.wheelhouse]
            type = "directory"
            path = "wheels"
            rescan = "0s"
            unscanned = "serve"

            [gates.wheelhouse-658]
            type = "metadata-injector"
            source = "wheelhouse"

            [gates.internal]
            type = "union"
            sources = ["local", "wheelhouse-658"]

            [gates.vetted]
            type = "yank-override"
            source = "internal"
            [gates.vetted.yank]
            "tool==2.0" = "breaks our clusters"

            [routes.main]
            path = "/simple/"
            serve = "vetted"

            [routes.wheels]
            serve = "wheelhouse-658"
            """;

    @TempDir
    Path dir;

    private SluiceHarness start(Path config) throws Exception {
        SluiceConfig read = ConfigReader.read(config, null);
        return SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN)
                .withConfigFile(config, read.graph()));
    }

    private static HttpResponse<String> reload(SluiceHarness sluice) throws Exception {
        return sluice.send(sluice.request("/admin/config/reload", "Authorization", "Bearer " + SluiceHarness.TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode page(SluiceHarness sluice, String path) throws Exception {
        HttpResponse<String> r = sluice.get(path, "Accept", "application/vnd.pypi.simple.v1+json");
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void pipInstallsThroughTheDeclaredGraphAndEachRouteShowsItsOwnNode() throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        Wheels.wheel(wheels, "tool", "1.0");
        Wheels.wheel(wheels, "tool", "2.0");
        Path config = Files.writeString(dir.resolve("sluice.toml"), GRAPH);
        PythonTools tools = new PythonTools(dir.resolve("home"));
        try (SluiceHarness sluice = start(config)) {
            Path uploads = Files.createDirectories(dir.resolve("uploads"));
            // The wheelhouse serves 'tool' too: hosting it is a deliberate act, a claim, before the first upload.
            assertThat(sluice.admin("POST", "/admin/projects/tool/claim", null).statusCode()).isEqualTo(201);
            assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(uploads, "tool", "1.5", "helper"), "tool", "1.5")).statusCode())
                    .isEqualTo(200);
            assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(uploads, "helper", "1.0"), "helper", "1.0")).statusCode())
                    .isEqualTo(200);

            JsonNode main = page(sluice, "/simple/tool/");
            assertThat(main.get("versions")).hasSize(3);
            JsonNode yanked = main.get("files").get(2);
            assertThat(yanked.get("filename").asText()).isEqualTo("tool-2.0-py3-none-any.whl");
            assertThat(yanked.get("yanked").asText()).startsWith("breaks our clusters");

            sluice.clearRequests();
            var installed = tools.pipInstall(PythonTools.pyenvPython(), sluice, dir.resolve("target"), "tool")
                    .requireSuccess("pip through the union");
            assertThat(installed.output()).as("2.0 is yanked here, so 1.5 (hosted) wins over 1.0 (folder)")
                    .contains("Successfully installed").contains("tool-1.5").contains("helper-1.0");

            JsonNode folder = page(sluice, "/indexes/wheels/simple/tool/");
            assertThat(folder.get("files")).hasSize(2).allSatisfy(f -> {
                assertThat(f.get("yanked").asBoolean()).as("the yank is on the main route only").isFalse();
                assertThat(f.get("core-metadata").isMissingNode()).as("metadata offered for the folder's wheels").isFalse();
            });
            HttpResponse<String> metadata = sluice.get("/indexes/wheels/simple/tool/tool-2.0-py3-none-any.whl.metadata");
            assertThat(metadata.statusCode()).isEqualTo(200);
            assertThat(metadata.body()).contains("Name: tool").contains("Version: 2.0");
            pinned(tools, sluice);
        } finally {
            PythonTools.deleteSymbolicLinks(dir);
        }
    }

    /** A yanked version is still installed when pinned exactly (PEP 592). */
    private void pinned(PythonTools tools, SluiceHarness sluice) throws Exception {
        var pinned = tools.pipInstall(PythonTools.pyenvPython(), sluice, dir.resolve("pinned"), "tool==2.0")
                .requireSuccess("pip with an exact pin");
        assertThat(pinned.output()).contains("Successfully installed tool-2.0");
    }

    @Test
    void aReloadSwapsTheGraphABadFileChangesNothingAndADownloadInFlightFinishes() throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        byte[] big = new byte[32 << 20];
        new Random(7).nextBytes(big);
        Files.write(wheels.resolve("big-1.0.tar.gz"), big);
        Path config = Files.writeString(dir.resolve("sluice.toml"), GRAPH);
        try (SluiceHarness sluice = start(config)) {
            HttpResponse<InputStream> download = sluice.send(sluice.request("/indexes/wheels/simple/big/big-1.0.tar.gz").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(download.statusCode()).isEqualTo(200);
            try (InputStream in = download.body()) {
                byte[] start = in.readNBytes(1024);

                Files.writeString(config, GRAPH.replace("serve = \"vetted\"", "serve = \"vettted\""));
                HttpResponse<String> refused = reload(sluice);
                assertThat(refused.statusCode()).isEqualTo(400);
                assertThat(JSON.readTree(refused.body()).get("errors").get(0).asText())
                        .endsWith("routes.main.serve: no source or gate is named 'vettted' (did you mean 'vetted'?)");
                assertThat(sluice.get("/indexes/wheels/simple/big/").statusCode()).as("the running graph stays").isEqualTo(200);

                Files.writeString(config, GRAPH.replace("[routes.wheels]\nserve = \"wheelhouse-658\"\n",
                        "[routes.folder]\nserve = \"wheelhouse\"\n"));
                HttpResponse<String> reloaded = reload(sluice);
                assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
                assertThat(reloaded.body()).isEqualTo("{\"routes\":[\"/simple/\",\"/indexes/folder/simple/\"]}");
                assertThat(sluice.get("/indexes/wheels/simple/big/").statusCode()).as("the removed route is gone").isEqualTo(404);
                assertThat(sluice.get("/indexes/folder/simple/big/").statusCode()).isEqualTo(200);

                byte[] rest = in.readAllBytes();
                assertThat(start.length + rest.length).as("the download begun before both reloads completes").isEqualTo(big.length);
                assertThat(rest[rest.length - 1]).isEqualTo(big[big.length - 1]);
            }
        }
    }
}
