package dev.sluice.index.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.DefaultGraph;
import dev.sluice.proxy.UpstreamSettings;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.PythonTools.Result;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import dev.sluice.app.ServerSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 2021 dependency-confusion attack against the default graph, with real pip: an internal name published
 * upstream with a higher version is never taken from the upstream, with the upstream up or down.
 */
class DependencyConfusionTest {
    @TempDir
    static Path dir;

    static SluiceHarness upstream;
    static SluiceHarness sluice;
    static PythonTools tools;

    @BeforeAll
    static void start() throws Exception {
        tools = new PythonTools(dir.resolve("home"));
        Path files = Files.createDirectories(dir.resolve("files"));
        upstream = SluiceHarness.start(dir.resolve("upstream"));
        // The attacker's uploads: the internal name, spelled two ways, with higher versions; and a public package.
        for (Path wheel : List.of(Wheels.wheel(files, "acme-utils", "99.0"), Wheels.wheel(files, "acme_utils", "98.0"),
                Wheels.wheel(files, "acme-secret", "1.0"), Wheels.wheel(files, "leftpad", "1.0"))) {
            String name = wheel.getFileName().toString();
            assertThat(upstream.upload(Multipart.twineLike(wheel, name.substring(0, name.indexOf('-')), name.split("-")[1]))
                    .statusCode()).isEqualTo(200);
        }
        UpstreamSettings pypi = UpstreamSettings.defaults("pypi", URI.create(upstream.simpleUrl())).withTimeout(Duration.ofSeconds(3));
        sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("sluice")).withAdminToken(SluiceHarness.TOKEN)
                .withGraph(DefaultGraph.of(pypi).withReserved(List.of("acme-*")).graph()));
        Path internal = Files.createDirectories(dir.resolve("internal"));
        assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(internal, "acme-utils", "1.0"), "acme-utils", "1.0"))
                .statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        sluice.close();
        upstream.close();
        PythonTools.deleteSymbolicLinks(dir);
    }

    private static Result pip(String target, String... requirementAndOptions) throws Exception {
        return tools.pipInstall(PythonTools.pyenvPython(), sluice, dir.resolve(target), requirementAndOptions);
    }

    @Test
    void theInternalPackageWinsAndTheUpstreamIsNeverAskedForIt() throws Exception {
        upstream.clearRequests();
        Result install = pip("internal", "acme-utils").requireSuccess("pip install acme-utils");
        assertThat(install.output()).contains("Successfully installed acme-utils-1.0");
        assertThat(upstream.requests()).as("the upstream is never asked about an internal name")
                .noneMatch(r -> r.contains("acme-utils") || r.contains("acme_utils"));

        Result pinned = pip("pinned", "acme-utils==99.0");
        assertThat(pinned.exitCode()).isNotZero();
        assertThat(pinned.output()).contains("No matching distribution found for acme-utils==99.0");

        Result publicPackage = pip("public", "leftpad").requireSuccess("pip install leftpad");
        assertThat(publicPackage.output()).contains("Successfully installed leftpad-1.0");
    }

    @Test
    void theJsonApiShowsWhatEachRouteServesThroughItsGates() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var proxied = sluice.get("/pypi/leftpad/json");
        assertThat(proxied.statusCode()).as(proxied.body()).isEqualTo(200);
        var project = json.readTree(proxied.body());
        assertThat(project.at("/info/name").asText()).isEqualTo("leftpad");
        assertThat(project.at("/info/summary").asText()).as("from the wheel's core metadata").isEqualTo("leftpad for tests");
        assertThat(project.at("/urls/0/url").asText()).startsWith("/simple/leftpad/leftpad-1.0-py3-none-any.whl");

        var internal = json.readTree(sluice.get("/pypi/acme-utils/json").body());
        assertThat(internal.at("/info/version").asText()).as("the internal release, not the attacker's 99.0").isEqualTo("1.0");
        assertThat(internal.at("/releases").has("99.0")).isFalse();

        var reserved = sluice.get("/pypi/acme-secret/json");
        assertThat(reserved.statusCode()).isEqualTo(403);
        assertThat(reserved.body()).contains("reserved prefix 'acme-*'");
        assertThat(sluice.get("/indexes/pypi/pypi/acme-utils/json").statusCode()).as("the upstream's route, reserved")
                .isEqualTo(403);
        var viaRoute = sluice.get("/indexes/pypi/pypi/leftpad/1.0/json");
        assertThat(viaRoute.statusCode()).isEqualTo(200);
        assertThat(json.readTree(viaRoute.body()).at("/urls/0/url").asText()).startsWith("/indexes/pypi/simple/leftpad/");
        assertThat(sluice.get("/pypi/no-such-project/json").statusCode()).isEqualTo(404);
        assertThat(sluice.get("/indexes/nothing/pypi/leftpad/json").statusCode()).isEqualTo(404);
    }

    @Test
    void aReservedPrefixIsNeverServedFromTheUpstream() throws Exception {
        var page = sluice.get("/simple/acme-secret/");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("reserved prefix 'acme-*'");
        assertThat(sluice.get("/indexes/pypi/simple/acme-secret/").statusCode()).as("nor through the direct upstream route")
                .isEqualTo(403);
        assertThat(sluice.get("/indexes/pypi/simple/acme-utils/").statusCode()).as("nor an internal name").isEqualTo(403);
        Result install = pip("secret", "acme-secret");
        assertThat(install.exitCode()).isNotZero();
        assertThat(install.output()).contains("No matching distribution found for acme-secret");
        // pip skips a refused page quietly; asked for its debug lines, it prints the 403's status line, whose phrase is
        // the refusal's reason.
        Result verbose = pip("secret-verbose", "acme-secret", "-vv");
        assertThat(verbose.output()).contains("403 Client Error: Forbidden: 'acme-secret'", "reserved prefix 'acme-*'");
    }

    @Test
    void withTheUpstreamDownInternalNamesStillAnswerAndOthersAreUnavailable() throws Exception {
        try (SluiceHarness isolated = SluiceHarness.start(ServerSettings.defaults(dir.resolve("isolated"))
                .withAdminToken(SluiceHarness.TOKEN).withGraph(DefaultGraph.of(UpstreamSettings.defaults("pypi",
                        URI.create("http://127.0.0.1:9/simple/"))).withReserved(List.of("acme-*")).graph()))) {
            Path internal = Files.createDirectories(dir.resolve("internal-2"));
            assertThat(isolated.upload(Multipart.twineLike(Wheels.wheel(internal, "acme-utils", "1.0"), "acme-utils", "1.0"))
                    .statusCode()).isEqualTo(200);
            assertThat(isolated.get("/simple/acme-utils/").statusCode()).isEqualTo(200);
            var upstreamOnly = isolated.get("/simple/leftpad/");
            assertThat(upstreamOnly.statusCode()).isEqualTo(503);
            assertThat(upstreamOnly.body()).contains("cannot connect");
            Result install = tools.pipInstall(PythonTools.pyenvPython(), isolated, dir.resolve("isolated-install"), "acme-utils")
                    .requireSuccess("pip install acme-utils with the upstream down");
            assertThat(install.output()).contains("Successfully installed acme-utils-1.0");
        }
    }
}
