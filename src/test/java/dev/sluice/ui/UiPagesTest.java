package dev.sluice.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.ServerSettings;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web pages over HTTP: the home page instead of a 404, a name found and opened, a project's files newest first
 * with its install command, hostile input escaped, a strict Content-Security-Policy on every page, nothing loaded from
 * another host, and a private route's projects shown only to who may read them.
 */
class UiPagesTest {
    @TempDir
    Path dir;

    @Test
    void homeSearchAndProjectPages() throws Exception {
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN))) {
            Path files = Files.createDirectories(dir.resolve("files"));
            for (String v : List.of("1.0", "1.1")) {
                assertThat(sluice.upload(Multipart.twineLike(Wheels.wheelWithMetadata(files, "Demo_Tool", v,
                        "Requires-Dist: requests[socks]>=2.31; python_version >= \"3.8\"", "Requires-Dist: helper-lib",
                        "Description-Content-Type: text/markdown", "", "# Demo tool " + v, "",
                        "Read [the guide](https://docs.example.org/).", "<script>alert(1)</script>"), "Demo_Tool", v)).statusCode())
                        .isEqualTo(200);
            }
            HttpResponse<String> home = sluice.get("/");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(home.body()).contains("<h1>Python packages</h1>").contains("--index-url " + sluice.base() + "/simple/");

            HttpResponse<String> found = sluice.get("/search?q=demo.tool");
            assertThat(found.statusCode()).isEqualTo(303);
            assertThat(found.headers().firstValue("Location")).hasValue("/project/demo-tool/");
            assertThat(sluice.get("/project/Demo_Tool/").statusCode()).as("other spellings go to the normal form").isEqualTo(301);
            HttpResponse<String> project = sluice.get("/project/demo-tool/");
            assertThat(project.statusCode()).isEqualTo(200);
            assertThat(project.body()).contains("pip install --index-url " + sluice.base() + "/simple/ Demo_Tool")
                    .contains("<span class=\"version\">1.1</span>").contains("Served by <strong>local</strong>");
            assertThat(project.body()).as("dependencies as links, the rest of each requirement as written")
                    .contains("<a href=\"/project/requests/\">requests</a> <code>[socks]&gt;=2.31; python_version &gt;= \"3.8\"</code>")
                    .contains("<a href=\"/project/helper-lib/\">helper-lib</a> </li>").contains("Demo_Tool for tests");
            assertThat(project.body()).as("the newest wheel's README, rendered and sanitised").contains("<h1>Demo tool 1.1</h1>")
                    .contains("href=\"https://docs.example.org/\"").doesNotContain("<script>alert");
            assertThat(project.body().indexOf("demo_tool-1.1-py3-none-any.whl"))
                    .as("newest first").isLessThan(project.body().indexOf("demo_tool-1.0-py3-none-any.whl"));

            assertThat(sluice.admin("POST", "/admin/projects/demo-tool/releases/1.1/yank", "{\"reason\": \"broken\"}").statusCode())
                    .isEqualTo(200);
            assertThat(sluice.get("/project/demo-tool/").body()).as("a kept page follows the project's serial")
                    .contains("yanked: broken").contains("<span class=\"version\">1.0</span>");
            HttpResponse<String> prefix = sluice.get("/search?q=demo");
            assertThat(prefix.statusCode()).isEqualTo(200);
            assertThat(prefix.body()).contains("<a href=\"/project/demo-tool/\">Demo_Tool</a>");
            assertThat(sluice.get("/search?q=tool").body()).as("by a word").contains("/project/demo-tool/");
            HttpResponse<String> bySummary = sluice.get("/search?q=" + URLEncoder.encode("for TESTS", StandardCharsets.UTF_8));
            assertThat(bySummary.body()).as("by the words of its summary (full-text), with its version and source")
                    .contains("<a href=\"/project/demo-tool/\">Demo_Tool</a> <span class=\"version\">1.0</span>")
                    .contains("<span class=\"tag\">local</span>").contains("<p class=\"summary\">Demo_Tool for tests</p>");
            for (String syntax : List.of("\"unbalanced", "tests OR NOT *", "name:demo", "NEAR(a b)", "-", "\u00e9t\u00e9")) {
                HttpResponse<String> odd = sluice.get("/search?q=" + URLEncoder.encode(syntax, StandardCharsets.UTF_8));
                assertThat(odd.statusCode()).as("the full-text syntax is not the user's: " + syntax).isEqualTo(200);
            }

            String hostile = "<script>alert(1)</script>\"'";
            HttpResponse<String> missing = sluice.get("/search?q=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
            assertThat(missing.statusCode()).isEqualTo(200);
            assertThat(missing.body()).contains("No project of the 1 this index can serve matches");
            assertThat(missing.body()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            assertThat(sluice.get("/project/nothing-here/").statusCode()).isEqualTo(404);

            for (HttpResponse<String> page : List.of(home, project, missing)) {
                assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(dev.sluice.http.Pages.POLICY);
                assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
                assertThat(Pattern.compile("src=\"(https?:)?//|<link[^>]+href=\"(https?:)?//").matcher(page.body()).find())
                        .as("nothing loaded from another host").isFalse();
            }
            HttpResponse<String> css = sluice.get("/static/sluice.css");
            assertThat(css.statusCode()).isEqualTo(200);
            assertThat(css.body()).contains("prefers-color-scheme: dark");
        }
    }

    @Test
    void aPrivateRoutesProjectsAreShownOnlyToWhoMayReadThem() throws Exception {
        try (SluiceHarness sluice = SluiceHarness.startPrivateHosted(dir, java.time.Clock.systemUTC())) {
            Path files = Files.createDirectories(dir.resolve("files"));
            assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(files, "secret-tool", "1.0"), "secret-tool", "1.0"))
                    .statusCode()).isEqualTo(200);
            assertThat(sluice.get("/project/secret-tool/").statusCode()).isEqualTo(401);
            assertThat(sluice.get("/project/secret-tool/", "Authorization", "Bearer " + SluiceHarness.TOKEN).body())
                    .contains("secret_tool-1.0-py3-none-any.whl");
        }
    }
}
