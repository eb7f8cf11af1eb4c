package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.ServerSettings;
import dev.sluice.config.ConfigReader;
import dev.sluice.proxy.UpstreamSettings;
import dev.sluice.store.BlobLocation;
import dev.sluice.testing.CommandLineRun;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.Nginx;
import dev.sluice.testing.PrivatePostgres;
import dev.sluice.testing.PrivateS3;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.StaticMirror;
import dev.sluice.testing.Wheels;
import dev.sluice.util.Digests;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice migrate} from an embedded deployment (SQLite and a data directory, with hosted files, a proxy's cache,
 * accounts and usage events) to PostgreSQL and S3, then back: everything is there and served afterwards, a second run
 * copies nothing, and a damaged blob stops the copy before any row names it.
 */
class MigrateCommandTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"(sluice_[0-9a-f]{64})\"");

    @TempDir
    Path dir;

    @Test
    void anEmbeddedDeploymentMovesToPostgresAndS3AndBack() throws Exception {
        Path files = Files.createDirectories(dir.resolve("wheels"));
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        Path outside = Wheels.wheel(Files.createDirectories(mirror.resolve("packages")), "outside-pkg", "1.0");
        StaticMirror.write(mirror, List.of(outside));
        Path hosted = Wheels.wheel(files, "demo-tool", "1.0");
        Path old = dir.resolve("old");
        String token;
        try (Nginx upstream = Nginx.serve(mirror, dir.resolve("nginx"));
                SluiceHarness embedded = SluiceHarness.startOnSqlite(ServerSettings.defaults(old).withAdminToken(SluiceHarness.TOKEN)
                        .withUpstream(UpstreamSettings.defaults("pypi", URI.create(upstream.url("/simple/")))))) {
            assertThat(embedded.upload(Multipart.twineLike(hosted, "demo-tool", "1.0")).statusCode()).isEqualTo(200);
            assertThat(embedded.getBytes("/simple/outside-pkg/outside_pkg-1.0-py3-none-any.whl").statusCode())
                    .as("cached by the proxy").isEqualTo(200);
            assertThat(embedded.admin("POST", "/admin/users", "{\"name\": \"alice\", \"password\": \"" + PASSWORD + "\"}").statusCode())
                    .isEqualTo(201);
            HttpResponse<String> made = embedded.call("POST", "/tokens", basic(), "{\"description\": \"ci\"}");
            Matcher m = TOKEN.matcher(made.body());
            assertThat(m.find()).as(made.body()).isTrue();
            token = m.group(1);
            assertThat(embedded.getBytes("/simple/demo-tool/demo_tool-1.0-py3-none-any.whl", "Authorization", basic()).statusCode())
                    .isEqualTo(200);
        } // closing writes the usage log's last batch

        try (PrivatePostgres pg = PrivatePostgres.start(); PrivateS3 s3 = PrivateS3.start(dir.resolve("s3"))) {
            BlobLocation.S3 bucket = s3.newBucket("moved", "sluice");
            Path newConfig = Files.writeString(dir.resolve("new.toml"), s3.serverToml(pg.url(), "moved", "sluice") + """
                    [sources.local]
                    type = "hosted"

                    [sources.pypi]
                    type = "proxy"
                    url = "http://192.0.2.1/simple/"
                    offline = true

                    [gates.main]
                    type = "first-owner"
                    sources = ["local", "pypi"]

                    [routes.main]
                    path = "/simple/"
                    serve = "main"
                    """);

            CommandLineRun first = CommandLineRun.of("migrate", "--data-dir", old.toString(), "--to-config", newConfig.toString());
            System.out.println(first.out());
            assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
            assertThat(first.out()).contains("verified:").containsPattern("Done in [0-9.]+ s: [1-9]\\d* of [1-9]\\d* blobs copied")
                    .doesNotContain(PrivateS3.SECRET_KEY);
            try (dev.sluice.store.Database before = dev.sluice.store.Database.openSqlite(old.resolve("sluice.db"));
                    dev.sluice.store.Database after = dev.sluice.store.Database.openPostgres(pg.url())) {
                String counter = "SELECT value FROM serial_counter WHERE id = 1";
                long was = before.jdbi().withHandle(h -> h.createQuery(counter).mapTo(Long.class).one());
                long is = after.jdbi().withHandle(h -> h.createQuery(counter).mapTo(Long.class).one());
                assertThat(is).as("a row the new catalog's migrations made takes the old value").isEqualTo(was).isPositive();
            }
            CommandLineRun second = CommandLineRun.of("migrate", "--data-dir", old.toString(), "--to-config", newConfig.toString());
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).as("a second run copies nothing").containsPattern("Done in [0-9.]+ s: 0 of [1-9]\\d* blobs copied")
                    .containsPattern("0 of [1-9]\\d* rows in \\d+ tables copied");

            ServerSettings moved = ServerSettings.defaults(dir.resolve("node")).withAdminToken(SluiceHarness.TOKEN)
                    .withConfigFile(newConfig, ConfigReader.read(newConfig).graph()).withDatabase(pg.url()).withBlobs(bucket);
            try (SluiceHarness node = SluiceHarness.start(moved)) {
                assertServed(node, "/simple/demo-tool/demo_tool-1.0-py3-none-any.whl", hosted);
                assertServed(node, "/simple/outside-pkg/outside_pkg-1.0-py3-none-any.whl", outside);
                assertThat(node.call("GET", "/tokens", "Bearer " + token, null).statusCode()).as("alice's token").isEqualTo(200);
                assertThat(node.admin("GET", "/admin/usage/who?project=demo-tool", null).body()).as("the usage log").contains("alice");
                Path otherBytes = Wheels.wheelWithMetadata(Files.createDirectories(dir.resolve("again")), "demo-tool", "1.0",
                        "Summary: other bytes");
                assertThat(node.upload(Multipart.twineLike(otherBytes, "demo-tool", "1.0")).statusCode())
                        .as("the filename stays taken").isEqualTo(409);
            }

            // and back, for a test copy: PostgreSQL and S3 to a new data directory
            Path copy = dir.resolve("copy");
            CommandLineRun back = CommandLineRun.of("migrate", "--config", newConfig.toString(), "--to", copy.toString());
            assertThat(back.exitCode()).as(back.out() + back.err()).isZero();
            try (SluiceHarness node = SluiceHarness.startOnSqlite(ServerSettings.defaults(copy).withAdminToken(SluiceHarness.TOKEN))) {
                assertServed(node, "/simple/demo-tool/demo_tool-1.0-py3-none-any.whl", hosted);
                assertThat(node.admin("GET", "/admin/users", null).body()).contains("alice");
            }
        }
    }

    @Test
    void aDamagedBlobStopsTheCopyBeforeAnyRowNamesIt() throws Exception {
        Path old = dir.resolve("old");
        Path hosted = Wheels.wheel(Files.createDirectories(dir.resolve("wheels")), "demo-tool", "1.0");
        try (SluiceHarness embedded = SluiceHarness.startOnSqlite(ServerSettings.defaults(old).withAdminToken(SluiceHarness.TOKEN))) {
            assertThat(embedded.upload(Multipart.twineLike(hosted, "demo-tool", "1.0")).statusCode()).isEqualTo(200);
        }
        String sha = Digests.of(Files.readAllBytes(hosted)).sha256();
        Files.write(old.resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha), new byte[] {1, 2, 3});
        Path copy = dir.resolve("copy");
        CommandLineRun run = CommandLineRun.of("migrate", "--data-dir", old.toString(), "--to", copy.toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out() + run.err()).contains("the blob " + sha + " is damaged where it is copied from");
        assertThat(copy.resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha)).doesNotExist();
        assertThat(CommandLineRun.of("migrate", "--data-dir", old.toString()).err()).as("a target is required")
                .contains("--to-config FILE, or --to TARGET");
    }

    private static String basic() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes());
    }

    private static void assertServed(SluiceHarness node, String path, Path expected) throws Exception {
        HttpResponse<byte[]> file = node.getBytes(path);
        assertThat(file.statusCode()).as(path).isEqualTo(200);
        assertThat(Digests.of(file.body()).sha256()).isEqualTo(Digests.of(Files.readAllBytes(expected)).sha256());
    }
}
