package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.Multipart;
import dev.sluice.testing.PrivatePostgres;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sluice on a real PostgreSQL (issue 22, first part: the catalog): the migrations, uploads and their refusals, yanks,
 * pages, accounts and tokens, the usage log and its questions, and the web pages' full-text search all work on it as
 * on SQLite; a second start on the same database finds everything (the migrations run once).
 */
class PostgresCatalogTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    @Test
    void sluiceRunsOnPostgres() throws Exception {
        Path files = Files.createDirectories(dir.resolve("wheels"));
        try (PrivatePostgres pg = PrivatePostgres.start()) {
            ServerSettings settings = ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN).withDatabase(pg.url());
            try (SluiceHarness sluice = SluiceHarness.start(settings)) {
                assertThat(sluice.sluice().database().engine()).isEqualTo(dev.sluice.store.Database.Engine.POSTGRESQL);
                for (String v : List.of("1.0", "1.1")) {
                    assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(files, "demo-tool", v), "demo-tool", v)).statusCode())
                            .isEqualTo(200);
                }
                assertThat(sluice.upload(Multipart.twineLike(Wheels.wheelWithMetadata(Files.createDirectories(dir.resolve("again")),
                        "demo-tool", "1.0", "Summary: other bytes"), "demo-tool", "1.0")).statusCode()).as("a filename is never reused")
                        .isEqualTo(409);
                assertThat(sluice.admin("POST", "/admin/projects/demo-tool/releases/1.0/yank", "{\"reason\": \"broken\"}").statusCode())
                        .isEqualTo(200);
                String page = sluice.get("/simple/demo-tool/", "Accept", "application/vnd.pypi.simple.v1+json").body();
                assertThat(page).contains("demo_tool-1.0-py3-none-any.whl").contains("demo_tool-1.1-py3-none-any.whl")
                        .contains("\"yanked\":\"broken\"");

                // accounts and tokens
                assertThat(sluice.admin("POST", "/admin/users", "{\"name\": \"alice\", \"password\": \"" + PASSWORD + "\"}").statusCode())
                        .isEqualTo(201);
                String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes());
                HttpResponse<String> made = sluice.call("POST", "/tokens", basic, "{\"description\": \"ci\"}");
                assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
                Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"(sluice_[0-9a-f]{64})\"").matcher(made.body());
                assertThat(token.find()).isTrue();
                assertThat(sluice.call("GET", "/tokens", "Bearer " + token.group(1), null).statusCode()).isEqualTo(200);

                // the usage log: alice downloads a file; the log says so
                Matcher url = Pattern.compile("href=\"([^\"#]*demo_tool-1\\.1-py3-none-any\\.whl)").matcher(sluice.get("/simple/demo-tool/").body());
                assertThat(url.find()).isTrue();
                String file = java.net.URI.create(sluice.base() + "/simple/demo-tool/").resolve(url.group(1)).getPath();
                assertThat(sluice.getBytes(file, "Authorization", basic).statusCode()).isEqualTo(200);
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
                String who = "";
                while (!who.contains("alice") && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    who = sluice.admin("GET", "/admin/usage/who?project=demo-tool", null).body();
                }
                assertThat(who).contains("alice");

                // the web pages' search, by a word of the summary (PostgreSQL's text search)
                assertThat(sluice.get("/project/demo-tool/").statusCode()).isEqualTo(200);
                assertThat(sluice.get("/search?q=TESTS").body()).as("a word only the summary holds")
                        .contains("<a href=\"/project/demo-tool/\">demo-tool</a>").contains("<p class=\"summary\">demo-tool for tests</p>");
                assertThat(sluice.get("/search?q=" + java.net.URLEncoder.encode("tele & ! :*", java.nio.charset.StandardCharsets.UTF_8))
                        .statusCode()).as("no query syntax reaches the database").isEqualTo(200);
            }
            try (SluiceHarness again = SluiceHarness.start(settings)) {
                assertThat(again.get("/simple/demo-tool/").body()).as("a second start finds everything")
                        .contains("demo_tool-1.1-py3-none-any.whl");
                assertThat(again.admin("GET", "/admin/users", null).body()).contains("alice");
            }
        }
    }
}
