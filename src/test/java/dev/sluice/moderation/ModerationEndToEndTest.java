package dev.sluice.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.ServerSettings;
import dev.sluice.config.ConfigReader;
import dev.sluice.testing.MovableClock;
import dev.sluice.testing.Nginx;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.StaticMirror;
import dev.sluice.testing.Wheels;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moderation with real pip against a proxied upstream (a real nginx mirror): in review mode pip fails and the refusal
 * names the pending request; a moderator approves {@code demo>=2,<3} and pip gets the newest 2.x while 3.0 stays
 * refused; after the approval's expiry it stops applying. A frozen gate opens no request; a dry run serves everything
 * and its report lists what review would have refused. A user who is not a moderator cannot decide, and the refusal is
 * audited.
 */
class ModerationEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    @Test
    void reviewApproveExpireFrozenAndDryRun() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        Path files = Files.createDirectories(mirror.resolve("packages"));
        List<Path> wheels = List.of(Wheels.wheel(files, "demo", "1.0"), Wheels.wheel(files, "demo", "2.0"),
                Wheels.wheel(files, "demo", "2.5"), Wheels.wheel(files, "demo", "3.0"), Wheels.wheel(files, "other", "1.0"));
        StaticMirror.write(mirror, wheels);
        Nginx nginx = Nginx.serve(mirror, dir.resolve("nginx"));
        Path config = Files.writeString(dir.resolve("sluice.toml"), """
                [sources.pypi]
                type = "proxy"
                url = "%s"
                page-ttl = "1s"

                [gates.moderated]
                type = "moderation"
                source = "pypi"
                mode = "review"

                [gates.frozen]
                type = "moderation"
                source = "pypi"
                mode = "frozen"

                [gates.trial]
                type = "moderation"
                source = "pypi"
                mode = "review"
                dry-run = true

                [routes.main]
                path = "/simple/"
                serve = "moderated"

                [routes.frozen]
                serve = "frozen"

                [routes.trial]
                serve = "trial"
                """.formatted(nginx.url("/simple/")));
        MovableClock clock = new MovableClock();
        PythonTools tools = new PythonTools(dir.resolve("home"));
        try (nginx; SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data"))
                .withAdminToken(SluiceHarness.TOKEN).withConfigFile(config, ConfigReader.read(config, null).graph()), clock)) {
            // review: pip fails, and what it is told (in the status line, which pip -vv prints) names the pending request
            PythonTools.Result refused = pip(tools, sluice, "/simple/", "demo", "refused", "-vv");
            assertThat(refused.exitCode()).isNotZero();
            JsonNode pending = JSON.readTree(sluice.admin("GET", "/admin/moderation/requests?status=pending", null).body())
                    .get("requests");
            assertThat(pending).singleElement().satisfies(r -> {
                assertThat(r.get("project").asText()).isEqualTo("demo");
                assertThat(r.get("gate").asText()).isEqualTo("moderated");
                assertThat(r.get("requested_by").asText()).isEqualTo("anonymous");
            });
            String requestId = pending.get(0).get("id").asText();
            HttpResponse<String> page = sluice.get("/simple/demo/");
            assertThat(page.statusCode()).isEqualTo(403);
            assertThat(page.body()).contains("request " + requestId).contains("pending").contains("/admin/moderation/requests/" + requestId);
            assertThat(refused.output()).contains("403").contains("request " + requestId + " for demo is pending");

            // a user who is not a moderator cannot decide; the refusal is audited
            for (String user : List.of("mod", "dev")) {
                assertThat(sluice.admin("POST", "/admin/users", "{\"name\": \"" + user + "\", \"password\": \"" + PASSWORD + "\"}")
                        .statusCode()).isEqualTo(201);
            }
            assertThat(sluice.admin("POST", "/admin/moderation/moderators", "{\"user\": \"mod\"}").statusCode()).isEqualTo(201);
            String mod = token(sluice, "mod");
            String dev = token(sluice, "dev");
            String approve = "{\"gate\": \"moderated\", \"project\": \"demo\", \"versions\": \">=2,<3\", \"action\": \"approve\", \"reason\": \"reviewed 2.x\","
                    + " \"expires\": \"" + clock.instant().plus(Duration.ofDays(1)) + "\"}";
            assertThat(sluice.call("POST", "/admin/moderation/decisions", dev, approve).statusCode()).isEqualTo(403);
            assertThat(sluice.admin("GET", "/admin/security-events?limit=5", null).body()).contains("moderation decide")
                    .contains("'dev' is not a moderator");

            HttpResponse<String> decided = sluice.call("POST", "/admin/moderation/decisions", mod, approve);
            assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
            assertThat(JSON.readTree(sluice.call("GET", "/admin/moderation/decisions?expiring=2d", mod, null).body())
                    .get("decisions")).singleElement().satisfies(d -> assertThat(d.get("scope").asText()).isEqualTo("<3,>=2"));
            JsonNode shown = JSON.readTree(sluice.call("GET", "/admin/moderation/requests/" + requestId, mod, null).body());
            assertThat(shown.get("files")).hasSize(4).anySatisfy(f -> {
                assertThat(f.get("version").asText()).isEqualTo("3.0");
                assertThat(f.get("inspection").asText()).isEqualTo("not judged yet");
            });
            assertThat(JSON.readTree(sluice.admin("GET", "/admin/moderation/requests/" + requestId, null).body())
                    .get("status").asText()).isEqualTo("approved");
            PythonTools.Result installed = pip(tools, sluice, "/simple/", "demo", "approved").requireSuccess("pip after approval");
            assertThat(installed.output()).contains("Successfully installed demo-2.5");
            PythonTools.Result three = pip(tools, sluice, "/simple/", "demo==3.0", "three");
            assertThat(three.exitCode()).isNotZero();
            assertThat(sluice.get("/simple/demo/demo-3.0-py3-none-any.whl").body()).contains("is not approved")
                    .contains("request ");

            // past the expiry the approval stops applying by itself
            clock.advance(Duration.ofDays(2));
            assertThat(pip(tools, sluice, "/simple/", "demo", "expired").exitCode()).isNotZero();
            assertThat(sluice.get("/simple/demo/").statusCode()).isEqualTo(403);

            // a team can hold the role, for one route: its member decides there, and only there
            assertThat(sluice.admin("POST", "/admin/teams", "{\"name\": \"release-managers\"}").statusCode()).isEqualTo(201);
            assertThat(sluice.admin("POST", "/admin/teams/release-managers/members", "{\"user\": \"dev\"}").statusCode())
                    .isEqualTo(200);
            assertThat(sluice.admin("POST", "/admin/moderation/moderators", "{\"team\": \"release-managers\", \"route\": \"main\"}")
                    .statusCode()).isEqualTo(201);
            String deny = "{\"gate\": \"moderated\", \"project\": \"demo\", \"versions\": \"==1.0\", \"action\": \"deny\","
                    + " \"reason\": \"too old\", \"route\": ";
            assertThat(sluice.call("POST", "/admin/moderation/decisions", dev, deny + "\"main\"}").statusCode()).isEqualTo(201);
            assertThat(sluice.call("POST", "/admin/moderation/decisions", dev, deny + "\"frozen\"}").statusCode()).isEqualTo(403);

            // frozen: refused, and no request is opened
            HttpResponse<String> frozen = sluice.get("/indexes/frozen/simple/other/");
            assertThat(frozen.statusCode()).isEqualTo(403);
            assertThat(frozen.body()).contains("frozen");
            JsonNode all = JSON.readTree(sluice.admin("GET", "/admin/moderation/requests", null).body()).get("requests");
            assertThat(all).noneMatch(r -> r.get("gate").asText().equals("frozen"));

            // dry run: everything served; the report lists what review would have refused, and for whom
            pip(tools, sluice, "/indexes/trial/simple/", "demo==3.0", "trial").requireSuccess("pip through a dry run");
            JsonNode report = JSON.readTree(sluice.admin("GET", "/admin/moderation/report?since=1d", null).body());
            assertThat(report.get("would_refuse")).anySatisfy(row -> {
                assertThat(row.get("gate").asText()).isEqualTo("trial");
                assertThat(row.get("project").asText()).isEqualTo("demo");
                assertThat(row.get("version").asText()).isEqualTo("3.0");
                assertThat(row.get("who").asText()).isEqualTo("anonymous");
            });
            assertThat(report.get("would_refuse")).allSatisfy(row -> assertThat(row.get("gate").asText()).isEqualTo("trial"));
        }
    }

    private PythonTools.Result pip(PythonTools tools, SluiceHarness sluice, String route, String requirement, String target,
            String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(PythonTools.pyenvPython(), "-m", "pip", "install", "--no-cache-dir",
                "--retries", "0", "--target", dir.resolve("site-" + target).toString(), "--index-url", sluice.base() + route));
        command.addAll(List.of(options));
        command.add(requirement);
        return tools.run(dir, command.toArray(String[]::new));
    }

    /** A Bearer header with a new token of the user's (made by the admin). */
    private static String token(SluiceHarness sluice, String user) throws Exception {
        HttpResponse<String> created = sluice.admin("POST", "/tokens", "{\"user\": \"" + user + "\", \"description\": \"moderation\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return "Bearer " + JSON.readTree(created.body()).get("token").asText();
    }
}
