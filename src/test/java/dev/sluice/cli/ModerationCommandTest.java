package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.ServerSettings;
import dev.sluice.config.ConfigReader;
import dev.sluice.testing.CommandLineRun;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice moderation} against a running server whose hosted packages need review: requests are listed and shown,
 * a requirements file is approved in one go (PEP 508 lines, comments and options skipped), a bad line changes
 * nothing, the audit trail and the grant of the moderator role.
 */
class ModerationCommandTest {
    @TempDir
    Path dir;

    @Test
    void listApproveFromRequirementsShowEventsAndGrant() throws Exception {
        java.util.List<String> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            announced.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Path config = Files.writeString(dir.resolve("sluice.toml"), """
                [moderation]
                webhook = "http://127.0.0.1:%d/hook"

                [sources.local]
                type = "hosted"

                [gates.reviewed]
                type = "moderation"
                source = "local"

                [gates.trusting]
                type = "moderation"
                source = "local"
                hosted = "pass"

                [routes.main]
                path = "/simple/"
                serve = "reviewed"

                [routes.trusting]
                serve = "trusting"
                """.formatted(receiver.getAddress().getPort()));
        dev.sluice.config.SluiceConfig file = ConfigReader.read(config, null);
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN)
                .withConfigFile(config, file.graph()).withModeration(file.moderation()))) {
            Path token = Files.writeString(dir.resolve("token"), SluiceHarness.TOKEN);
            String[] server = {"--server", sluice.base(), "--token-file", token.toString()};
            Path files = Files.createDirectories(dir.resolve("files"));
            for (String v : new String[] {"1.0", "2.0"}) {
                assertThat(sluice.upload(Multipart.twineLike(Wheels.wheelWithMetadata(files, "tool", v,
                        "Classifier: License :: OSI Approved :: MIT License"), "tool", v)).statusCode()).isEqualTo(200);
            }
            assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(files, "helper", "1.0"), "helper", "1.0")).statusCode())
                    .isEqualTo(200);
            assertThat(sluice.get("/simple/tool/").statusCode()).as("a new upload waits for review").isEqualTo(403);
            assertThat(sluice.get("/simple/tool/", "Authorization", "Bearer " + SluiceHarness.TOKEN).statusCode())
                    .as("moderators see pending files").isEqualTo(200);
            assertThat(sluice.get("/indexes/trusting/simple/tool/").statusCode()).as("hosted = \"pass\"").isEqualTo(200);

            CommandLineRun list = CommandLineRun.against(server, "moderation", "list", "--status", "pending");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains("PROJECT").contains("tool").contains("pending");
            String id = CommandLineRun.against(server, "moderation", "list", "--format", "csv").out().lines().skip(1).findFirst()
                    .orElseThrow().split(",")[0];
            assertThat(CommandLineRun.against(server, "moderation", "show", id).out()).contains("\"project\" : \"tool\"")
                    .contains("\"inspection\" : \"clean\"").contains("\"version\" : \"2.0\"").contains("\"license\" : \"MIT\"");

            Path bad = Files.writeString(dir.resolve("bad.txt"), "tool>=2\nnot a requirement!!\n");
            CommandLineRun refused = CommandLineRun.against(server, "moderation", "approve", "-r", bad.toString(), "--reason", "x",
                    "--gate", "reviewed");
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err()).contains("nothing was decided").contains("line 2");
            assertThat(sluice.get("/simple/tool/").statusCode()).isEqualTo(403);

            Path requirements = Files.writeString(dir.resolve("requirements.txt"), """
                    # what the build needs
                    --index-url http://127.0.0.1:8080/simple/
                    tool>=2  # the new API
                    helper
                    """);
            CommandLineRun approved = CommandLineRun.against(server, "moderation", "approve", "-r", requirements.toString(),
                    "--reason", "the build's pins", "--gate", "reviewed");
            assertThat(approved.exitCode()).as(approved.err()).isZero();
            assertThat(approved.out()).contains("approve tool >=2 through gate 'reviewed'").contains("approve helper through gate");
            assertThat(sluice.get("/simple/tool/").body()).contains("tool-2.0-py3-none-any.whl").doesNotContain("tool-1.0");
            assertThat(sluice.get("/simple/helper/").statusCode()).isEqualTo(200);

            assertThat(CommandLineRun.against(server, "moderation", "deny", "tool", "--versions", "<2", "--reason", "old API",
                    "--gate", "reviewed")
                    .out()).contains("deny tool <2");
            assertThat(CommandLineRun.against(server, "moderation", "events", "--action", "approved").out())
                    .contains("approve tool >=2").contains("admin");
            assertThat(CommandLineRun.against(server, "moderation", "grant", "--team", "release-managers", "--route", "main").out())
                    .contains("team release-managers moderates route main");

            // the webhook heard every new request and every decision
            assertThat(dev.sluice.testing.Eventually.poll(announced::size, n -> n == 4)).as("a request, two approvals, a denial")
                    .isEqualTo(4);
            assertThat(announced).anyMatch(e -> e.contains("\"event\":\"request\"") && e.contains("\"project\":\"tool\""))
                    .anyMatch(e -> e.contains("\"event\":\"approved\"") && e.contains("\"scope\":\">=2\""))
                    .anyMatch(e -> e.contains("\"event\":\"denied\""));
        } finally {
            receiver.stop(0);
        }
    }
}
