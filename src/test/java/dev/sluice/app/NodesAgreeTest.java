package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.ConfigReader;
import dev.sluice.store.BlobLocation;
import dev.sluice.testing.Eventually;
import dev.sluice.testing.Graphs;
import dev.sluice.testing.Nginx;
import dev.sluice.testing.PrivatePostgres;
import dev.sluice.testing.PrivateS3;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.StaticMirror;
import dev.sluice.testing.Wheels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL and one S3 bucket, in one process: what one decides, the other follows within a second
 * (moderation decisions, config reloads, login throttling), without a restart.
 */
class NodesAgreeTest {
    private static final Duration A_SECOND = Duration.ofSeconds(1);
    private static final String PASSWORD = "correct horse battery staple";
    @TempDir
    Path dir;

    @Test
    void whatOneNodeDecidesTheOtherFollows() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        StaticMirror.write(mirror, List.of(Wheels.wheel(Files.createDirectories(mirror.resolve("packages")), "outside-pkg", "1.0")));
        try (PrivatePostgres pg = PrivatePostgres.start(); PrivateS3 s3 = PrivateS3.start(dir.resolve("s3"));
                Nginx upstream = Nginx.serve(mirror, dir.resolve("nginx"))) {
            BlobLocation.S3 bucket = s3.newBucket("shared", "");
            // one signing key both nodes share and trust, so that a bundle exported by one imports on either
            Path key = dir.resolve("bundle-signing-key");
            String bundles = """

                    [sources.carried]
                    type = "bundle"

                    [routes.carried]
                    serve = "carried"

                    [bundles]
                    trusted-keys = ["%s"]
                    signing-key = "%s"
                    """.formatted(dev.sluice.bundle.SigningKey.at(key).publicText(), key);
            Path config = Files.writeString(dir.resolve("sluice.toml"), Graphs.hostedAndModeratedUpstream(upstream.url("/simple/")) + bundles);
            try (SluiceHarness a = node("a", config, pg.url(), bucket); SluiceHarness b = node("b", config, pg.url(), bucket)) {
                // login throttling: five guesses on each node make ten for alice, on both
                assertThat(a.admin("POST", "/admin/users", "{\"name\": \"alice\", \"password\": \"" + PASSWORD + "\"}").statusCode())
                        .isEqualTo(201);
                for (int i = 0; i < 10; i++) {
                    assertThat((i % 2 == 0 ? a : b).call("GET", "/simple/", basic("guess-" + i), null).statusCode()).isEqualTo(401);
                }
                // (one look each, after the feed's time: a right password let through would clear the count)
                Thread.sleep(3 * dev.sluice.store.ChangeFeed.POLL.toMillis());
                for (SluiceHarness node : List.of(a, b)) {
                    assertThat(node.call("GET", "/simple/", basic(PASSWORD), null).statusCode()).as("throttled on every node")
                            .isEqualTo(429);
                }

                // moderation: a request seen on B, approved on A, served by B
                assertThat(b.get("/indexes/outside/simple/outside-pkg/").statusCode()).isEqualTo(403);
                String approve = "{\"gate\": \"moderated\", \"project\": \"outside-pkg\", \"action\": \"approve\", \"reason\": \"ok\"}";
                assertThat(a.admin("POST", "/admin/moderation/decisions", approve).statusCode()).isEqualTo(201);
                assertThat(Eventually.poll(A_SECOND, () -> b.get("/indexes/outside/simple/outside-pkg/").statusCode(),
                        status -> status == 200)).as("B follows A's decision").isEqualTo(200);

                // a config reload on A is a reload on B
                Files.writeString(config, Graphs.hostedAndModeratedUpstream(upstream.url("/simple/")) + bundles + """

                        [routes.direct]
                        serve = "pypi"
                        """);
                assertThat(a.admin("POST", "/admin/config/reload", null).statusCode()).isEqualTo(200);
                assertThat(Eventually.poll(A_SECOND, () -> b.get("/indexes/direct/simple/outside-pkg/").statusCode(),
                        status -> status == 200)).as("B reloaded its config too").isEqualTo(200);

                // a bundle imported on A is served by B
                Path wheel = Wheels.wheel(Files.createDirectories(dir.resolve("carried-wheels")), "carried-pkg", "1.0");
                assertThat(a.upload(dev.sluice.testing.Multipart.twineLike(wheel, "carried-pkg", "1.0")).statusCode()).isEqualTo(200);
                Path requirements = Files.writeString(dir.resolve("requirements.txt"), "carried-pkg\n");
                Path token = Files.writeString(dir.resolve("token"), SluiceHarness.TOKEN);
                Path bundle = dir.resolve("carried.tar");
                String[] onA = {"--server", a.base(), "--token-file", token.toString()};
                assertThat(dev.sluice.testing.CommandLineRun.against(onA, "bundle", "export", "--route", "main", "-r",
                        requirements.toString(), "--python", "3.11", "--platform", "win_amd64", "-o", bundle.toString()).exitCode()).isZero();
                assertThat(b.get("/indexes/carried/simple/carried-pkg/").statusCode()).isEqualTo(404);
                assertThat(dev.sluice.testing.CommandLineRun.against(onA, "bundle", "import", bundle.toString(), "--into", "carried")
                        .out()).contains("1 added");
                assertThat(Eventually.poll(A_SECOND, () -> b.get("/indexes/carried/simple/carried-pkg/").statusCode(),
                        status -> status == 200)).as("B serves what A took from a bundle").isEqualTo(200);
            }
        }
    }

    private SluiceHarness node(String name, Path config, String database, BlobLocation.S3 bucket) throws Exception {
        dev.sluice.config.SluiceConfig read = ConfigReader.read(config);
        return SluiceHarness.start(ServerSettings.defaults(dir.resolve(name)).withAdminToken(SluiceHarness.TOKEN)
                .withConfigFile(config, read.graph()).withBundles(read.bundles()).withDatabase(database).withBlobs(bucket));
    }

    private static String basic(String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(("alice:" + password).getBytes());
    }
}
