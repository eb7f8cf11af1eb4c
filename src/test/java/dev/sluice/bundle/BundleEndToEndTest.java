package dev.sluice.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.ServerSettings;
import dev.sluice.config.ConfigReader;
import dev.sluice.config.SluiceConfig;
import dev.sluice.pep.CompatibleTags;
import dev.sluice.proxy.UpstreamSettings;
import dev.sluice.testing.CommandLineRun;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.Nginx;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.StaticMirror;
import dev.sluice.testing.Wheels;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The air gap with real parts: nginx serving real and generated wheels as a plain mirror, a connected Sluice proxying
 * it (and hosting one project), real pip. The bundle's files are exactly those {@code pip download} fetches for the
 * same target from the same index; a closed Sluice with no upstream imports the bundle, pip installs from it alone,
 * and its pages say what the connected one's said.
 */
class BundleEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_PAGE = "application/vnd.pypi.simple.v1+json";
    private static final String PLATFORM = "manylinux_2_28_x86_64";

    @TempDir
    static Path dir;
    private static Nginx nginx;
    private static SluiceHarness connected;
    private static PythonTools tools;
    private static String[] connectedCli;

    @BeforeAll
    static void connectedSide() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        Path files = Files.createDirectories(mirror.resolve("packages"));
        List<Path> wheels = new ArrayList<>();
        // an acme-style chain: markers of the target, an extra, Requires-Python in the metadata
        wheels.add(Wheels.wheel(files, "acme-app", "1.0", "acme-core>=1"));
        wheels.add(Wheels.wheel(files, "acme-app", "2.0", "acme-core>=2", "acme-log[color]>=1",
                "acme-win>=1; sys_platform == \"win32\"", "acme-legacy; python_version < \"3.8\"", "wheel>=0.30"));
        wheels.add(Wheels.wheel(files, "acme-core", "1.0"));
        wheels.add(Wheels.wheel(files, "acme-core", "2.0"));
        wheels.add(Wheels.wheelRequiringPython(files, "acme-core", "3.0", ">=3.12"));
        wheels.add(Wheels.wheelWithMetadata(files, "acme-log", "1.0", "Provides-Extra: color",
                "Requires-Dist: acme-color>=1; extra == \"color\""));
        // an extra asked for that the metadata does not declare brings nothing, for pip and here
        wheels.add(Wheels.wheel(files, "acme-sloppy", "1.0", "acme-color>=1; extra == \"color\""));
        wheels.add(Wheels.wheel(files, "acme-color", "1.0"));
        wheels.add(Wheels.wheel(files, "acme-win", "1.0"));
        wheels.add(Wheels.wheel(files, "acme-legacy", "1.0"));
        // backtracking: the newest acme-tool needs an acme-lib that acme-ext cannot live with
        wheels.add(Wheels.wheel(files, "acme-tool", "1.0", "acme-lib<2"));
        wheels.add(Wheels.wheel(files, "acme-tool", "2.0", "acme-lib>=2"));
        wheels.add(Wheels.wheel(files, "acme-ext", "1.0", "acme-lib<2"));
        wheels.add(Wheels.wheel(files, "acme-lib", "1.5"));
        wheels.add(Wheels.wheel(files, "acme-lib", "2.1"));
        // platform wheels: the best one for the target, never a foreign or too-new glibc
        wheels.add(Wheels.tagged(files, "acme-fast", "1.0", "py3-none-any"));
        wheels.add(Wheels.tagged(files, "acme-fast", "1.0", "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64"));
        wheels.add(Wheels.tagged(files, "acme-fast", "1.0", "cp311-cp311-win_amd64"));
        wheels.add(Wheels.tagged(files, "acme-fast", "2.0", "cp311-cp311-manylinux_2_34_x86_64"));
        wheels.add(Wheels.tagged(files, "acme-abi", "1.0", "cp39-abi3-manylinux_2_28_x86_64"));
        wheels.add(Wheels.tagged(files, "acme-abi", "1.1", "cp312-cp312-manylinux_2_28_x86_64"));
        // no solution at all
        wheels.add(Wheels.wheel(files, "acme-left", "1.0", "acme-shared<1"));
        wheels.add(Wheels.wheel(files, "acme-right", "1.0", "acme-shared>=2"));
        wheels.add(Wheels.wheel(files, "acme-shared", "0.5"));
        wheels.add(Wheels.wheel(files, "acme-shared", "2.0"));
        // real third-party wheels from this machine (Debian's python3-pip-whl)
        try (Stream<Path> real = Files.list(Path.of("/usr/share/python-wheels"))) {
            for (Path wheel : real.filter(p -> p.toString().endsWith(".whl")).toList()) {
                wheels.add(Files.copy(wheel, files.resolve(wheel.getFileName())));
            }
        }
        StaticMirror.write(mirror, wheels);
        nginx = Nginx.serve(mirror, dir.resolve("nginx"));
        UpstreamSettings upstream = UpstreamSettings.defaults("pypi", URI.create(nginx.url("/simple/")))
                .withTimeout(Duration.ofSeconds(10));
        connected = SluiceHarness.start(ServerSettings.defaults(dir.resolve("connected")).withAdminToken(SluiceHarness.TOKEN)
                .withUpstream(upstream));
        Path token = Files.writeString(dir.resolve("token"), SluiceHarness.TOKEN);
        connectedCli = new String[] {"--server", connected.base(), "--token-file", token.toString()};
        // a hosted project: upload times of its own, and a yank with a reason
        Path hosted = Files.createDirectories(dir.resolve("hosted"));
        for (String version : List.of("1.0", "1.1")) {
            Path wheel = Wheels.wheel(hosted, "acme-internal", version, "acme-core");
            assertThat(connected.upload(Multipart.twineLike(wheel, "acme-internal", version)).statusCode()).isEqualTo(200);
        }
        assertThat(CommandLineRun.against(connectedCli, "yank", "acme-internal", "1.1", "--reason", "broke the line 3 PLCs")
                .exitCode()).isZero();
        tools = new PythonTools(dir.resolve("home"));
    }

    @AfterAll
    static void stop() {
        if (connected != null) {
            connected.close();
        }
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void theBundleHoldsExactlyWhatPipDownloadFetchesForTheSameTarget() throws Exception {
        List<List<String>> sets = List.of(
                List.of("acme-app"),
                List.of("acme-tool", "acme-ext"),
                List.of("acme-fast", "acme-abi"),
                List.of("pip", "setuptools", "wheel"),
                List.of("acme-app", "acme-core<2", "acme-internal==1.1"),
                List.of("acme-log[color]", "acme-tool>=1", "wheel<1"),
                List.of("acme-sloppy[color]"));
        for (List<String> requirements : sets) {
            Path file = requirements(requirements);
            Set<String> pip = pipDownload(file);
            CommandLineRun export = export(file, dir.resolve("diff-" + requirements.hashCode() + ".tar"));
            assertThat(export.exitCode()).as(export.err()).isZero();
            Set<String> bundled = new TreeSet<>(Bundles.check(dir.resolve("diff-" + requirements.hashCode() + ".tar")).files());
            assertThat(bundled).as("bundle vs pip download for " + requirements).isEqualTo(pip).isNotEmpty();
        }
    }

    @Test
    void anUnsolvableSetFailsAsPipDoesAndNamesTheConflict() throws Exception {
        Path file = requirements(List.of("acme-left", "acme-right"));
        PythonTools.Result pip = pipDownloadRun(file, Files.createDirectories(dir.resolve("pip-unsolvable")));
        assertThat(pip.exitCode()).as(pip.output()).isNotZero();
        assertThat(pip.output()).contains("ResolutionImpossible");
        CommandLineRun export = export(file, dir.resolve("unsolvable.tar"));
        assertThat(export.exitCode()).isNotZero();
        assertThat(export.err()).contains("409").contains("no version of acme-shared satisfies acme-shared<1 (required by"
                + " acme-left 1.0), acme-shared>=2 (required by acme-right 1.0)");
        assertThat(dir.resolve("unsolvable.tar")).doesNotExist();
    }

    @Test
    void aClosedSluiceWithNoUpstreamServesTheBundleAsTheConnectedOneDid() throws Exception {
        Path file = requirements(List.of("acme-app", "acme-fast", "acme-internal==1.1"));
        Path bundle = dir.resolve("e2e.tar");
        CommandLineRun export = export(file, bundle);
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("signed by ed25519:");
        String key = CommandLineRun.against(connectedCli, "bundle", "key").out().strip();

        try (SluiceHarness closed = closedSluice("closed", key)) {
            String[] closedCli = {"--server", closed.base(), "--token-file", dir.resolve("token").toString()};
            CommandLineRun imported = CommandLineRun.against(closedCli, "bundle", "import", bundle.toString(), "--into", "carried");
            assertThat(imported.exitCode()).as(imported.out() + imported.err()).isZero();
            assertThat(imported.out()).contains("7 added, 0 already present, 0 refused");

            // pip, with only the closed Sluice to ask, installs the requirements
            PythonTools.Result pip = tools.run(dir, PythonTools.pyenvPython(), "-m", "pip", "install", "--no-cache-dir",
                    "--target", dir.resolve("site").toString(), "--index-url", closed.simpleUrl(), "-r", file.toString());
            pip.requireSuccess("pip install from the closed Sluice");
            assertThat(pip.output()).contains("acme-app-2.0").contains("acme-internal-1.1").contains("wheel-0.38.4");

            // its pages say what the connected side's said of those files
            for (String project : List.of("acme-app", "acme-core", "acme-log", "acme-color", "acme-fast", "acme-internal", "wheel")) {
                JsonNode there = page(connected, project);
                JsonNode here = page(closed, project);
                assertThat(here.get("files")).as(project).isNotEmpty();
                for (JsonNode f : here.get("files")) {
                    JsonNode same = null;
                    for (JsonNode t : there.get("files")) {
                        if (t.get("filename").equals(f.get("filename"))) {
                            same = t;
                        }
                    }
                    assertThat(same).as(f.get("filename").asText() + " on the connected side").isNotNull();
                    for (String field : List.of("hashes", "upload-time", "yanked", "requires-python", "core-metadata", "size")) {
                        assertThat(f.get(field)).as(project + " " + f.get("filename") + " " + field).isEqualTo(same.get(field));
                    }
                }
            }
            JsonNode internal = page(closed, "acme-internal").get("files").get(0);
            assertThat(internal.get("yanked").asText()).isEqualTo("broke the line 3 PLCs");
            assertThat(internal.get("upload-time").asText()).isNotBlank();
            String metadataUrl = "/simple/acme-app/acme_app-2.0-py3-none-any.whl.metadata";
            assertThat(closed.get(metadataUrl).body()).isEqualTo(connected.get(metadataUrl).body()).contains("Requires-Dist: acme-core>=2");

            // again: nothing new
            CommandLineRun again = CommandLineRun.against(closedCli, "bundle", "import", bundle.toString(), "--into", "carried");
            assertThat(again.exitCode()).isZero();
            assertThat(again.out()).contains("0 added, 7 already present, 0 refused");
        }
    }

    @Test
    void anIncrementalExportCarriesWhatTheRouteGainedSince() throws Exception {
        Path before = dir.resolve("before.tar");
        Path file = requirements(List.of("acme-internal"));
        assertThat(export(file, before).exitCode()).isZero();
        long serial = Bundles.check(before).routeSerial();
        java.time.Instant time = java.time.Instant.now();
        Path wheel = Wheels.wheel(Files.createDirectories(dir.resolve("later")), "acme-internal", "1.2", "acme-core");
        assertThat(connected.upload(Multipart.twineLike(wheel, "acme-internal", "1.2")).statusCode()).isEqualTo(200);

        Path byTime = dir.resolve("since-time.tar");
        CommandLineRun sinceTime = CommandLineRun.against(connectedCli, "bundle", "export", "--route", "simple", "--since",
                time.toString(), "--python", "3.11", "--platform", PLATFORM, "-o", byTime.toString());
        assertThat(sinceTime.exitCode()).as(sinceTime.err()).isZero();
        assertThat(Bundles.check(byTime).files()).containsExactly("acme_internal-1.2-py3-none-any.whl");

        Path bySerial = dir.resolve("since-serial.tar");
        CommandLineRun sinceSerial = CommandLineRun.against(connectedCli, "bundle", "export", "--route", "simple", "--since",
                String.valueOf(serial), "--python", "3.11", "--platform", PLATFORM, "-o", bySerial.toString());
        assertThat(sinceSerial.exitCode()).as(sinceSerial.err()).isZero();
        assertThat(sinceSerial.out()).contains("export with --since " + Bundles.check(bySerial).routeSerial());
        assertThat(Bundles.check(bySerial).files()).as("every file of each project changed after the serial")
                .contains("acme_internal-1.2-py3-none-any.whl").noneMatch(f -> !f.startsWith("acme_internal-"));
    }

    @Test
    void aClosedProxyTakesTheBundleIntoItsCacheAndAnswersAsIfItHadProxiedThem() throws Exception {
        Path file = requirements(List.of("acme-app", "acme-internal==1.1"));
        Path bundle = dir.resolve("into-cache.tar");
        assertThat(export(file, bundle).exitCode()).isZero();
        String key = CommandLineRun.against(connectedCli, "bundle", "key").out().strip();
        // the closed network's proxy still names PyPI's place (here a reserved address nothing answers), offline
        try (SluiceHarness closed = closedSluice("closed-proxy", key, """
                [sources.carried]
                type = "proxy"
                url = "http://192.0.2.1/simple/"
                offline = true
                """)) {
            String[] closedCli = {"--server", closed.base(), "--token-file", dir.resolve("token").toString()};
            CommandLineRun imported = CommandLineRun.against(closedCli, "bundle", "import", bundle.toString(), "--into", "carried");
            assertThat(imported.exitCode()).as(imported.out() + imported.err()).isZero();
            assertThat(imported.out()).contains("6 added, 0 already present, 0 refused");
            PythonTools.Result pip = tools.run(dir, PythonTools.pyenvPython(), "-m", "pip", "install", "--no-cache-dir",
                    "--target", dir.resolve("site-proxy").toString(), "--index-url", closed.simpleUrl(), "-r", file.toString());
            pip.requireSuccess("pip install from the closed proxy's cache");
            for (String project : List.of("acme-app", "acme-internal", "wheel")) {
                JsonNode here = page(closed, project).get("files");
                assertThat(here).as(project).isNotEmpty();
                for (JsonNode f : here) {
                    JsonNode same = null;
                    for (JsonNode t : page(connected, project).get("files")) {
                        if (t.get("filename").equals(f.get("filename"))) {
                            same = t;
                        }
                    }
                    assertThat(same).isNotNull();
                    for (String field : List.of("hashes", "upload-time", "yanked", "requires-python", "core-metadata", "size")) {
                        assertThat(f.get(field)).as(project + " " + f.get("filename") + " " + field).isEqualTo(same.get(field));
                    }
                }
            }
            CommandLineRun again = CommandLineRun.against(closedCli, "bundle", "import", bundle.toString(), "--into", "carried");
            assertThat(again.out()).contains("0 added, 6 already present, 0 refused");
        }
    }

    static SluiceHarness closedSluice(String name, String trustedKey) throws Exception {
        return closedSluice(name, trustedKey, """
                [sources.carried]
                type = "bundle"
                """);
    }

    static SluiceHarness closedSluice(String name, String trustedKey, String source) throws Exception {
        Path config = Files.writeString(dir.resolve(name + ".toml"), source + """

                [routes.simple]
                path = "/simple/"
                serve = "carried"

                [bundles]
                trusted-keys = ["%s"]
                """.formatted(trustedKey));
        SluiceConfig read = ConfigReader.read(config, null);
        return SluiceHarness.start(ServerSettings.defaults(dir.resolve(name)).withAdminToken(SluiceHarness.TOKEN)
                .withConfigFile(config, read.graph()).withBundles(read.bundles()));
    }

    private static JsonNode page(SluiceHarness sluice, String project) throws Exception {
        var answer = sluice.get("/simple/" + project + "/", "Accept", JSON_PAGE);
        assertThat(answer.statusCode()).as(project + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static Path requirements(List<String> lines) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "requirements", ".txt"), String.join("\n", lines) + "\n");
    }

    private static CommandLineRun export(Path requirements, Path out) {
        return CommandLineRun.against(connectedCli, "bundle", "export", "--route", "simple", "-r", requirements.toString(),
                "--python", "3.11", "--platform", PLATFORM, "-o", out.toString());
    }

    private static Set<String> pipDownload(Path requirements) throws Exception {
        Path into = Files.createTempDirectory(dir, "pip-download");
        pipDownloadRun(requirements, into).requireSuccess("pip download");
        try (Stream<Path> got = Files.list(into)) {
            return new TreeSet<>(got.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** pip download for the same target: every platform a manylinux_2_28 machine takes, in the same order. */
    private static PythonTools.Result pipDownloadRun(Path requirements, Path into) throws Exception {
        List<String> command = new ArrayList<>(List.of(PythonTools.pyenvPython(), "-m", "pip", "download", "--no-cache-dir",
                "--only-binary=:all:", "--python-version", "3.11", "--implementation", "cp", "-d", into.toString(),
                "--index-url", connected.simpleUrl(), "-r", requirements.toString()));
        CompatibleTags.platformsFor(PLATFORM).forEach(p -> command.addAll(List.of("--platform", p)));
        return tools.run(dir, command.toArray(String[]::new));
    }
}
