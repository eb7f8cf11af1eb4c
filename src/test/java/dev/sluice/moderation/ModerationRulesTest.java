package dev.sluice.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.ServerSettings;
import dev.sluice.config.ConfigReader;
import dev.sluice.testing.Eventually;
import dev.sluice.testing.MovableClock;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.Nginx;
import dev.sluice.testing.OsvRecords;
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
 * The rules of moderation gates, each kind alone and several in order, over hosted uploads (and, for the inspection
 * rule, a proxied upstream whose files are judged only when first fetched): age, vulnerable, license, typosquat,
 * listed, inspection. A rule whose input is not known yet answers 503 with Retry-After, then decides.
 */
class ModerationRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/vnd.pypi.simple.v1+json";

    @TempDir
    Path dir;

    @Test
    void eachRuleAloneAndInOrder() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        StaticMirror.write(mirror, List.of(Wheels.wheel(Files.createDirectories(mirror.resolve("packages")), "remote", "1.0")));
        Nginx nginx = Nginx.serve(mirror, dir.resolve("nginx"));
        Path config = Files.writeString(dir.resolve("sluice.toml"), """
                [sources.local]
                type = "hosted"

                [sources.pypi]
                type = "proxy"
                url = "%s"

                [gates.by-age]
                type = "moderation"
                source = "local"
                [[gates.by-age.rules]]
                when = "age"
                older-than = "1d"
                then = "approve"

                [gates.in-order]
                type = "moderation"
                source = "local"
                [[gates.in-order.rules]]
                when = "vulnerable"
                severity = "high"
                then = "deny"
                [[gates.in-order.rules]]
                when = "typosquat"
                then = "deny"
                [[gates.in-order.rules]]
                when = "listed"
                projects = ["tool", "reqeusts", "free-*"]
                then = "approve"

                [gates.by-license]
                type = "moderation"
                source = "local"
                [[gates.by-license.rules]]
                when = "license"
                allowed = ["MIT", "Apache-2.0"]
                then = "approve"

                [gates.by-inspection]
                type = "moderation"
                source = "pypi"
                [[gates.by-inspection.rules]]
                when = "inspection"
                verdict = "clean"
                then = "approve"

                [routes.main]
                path = "/simple/"
                serve = "local"

                [routes.age]
                serve = "by-age"

                [routes.order]
                serve = "in-order"

                [routes.license]
                serve = "by-license"

                [routes.inspection]
                serve = "by-inspection"
                """.formatted(nginx.url("/simple/")));
        MovableClock clock = new MovableClock();
        try (nginx; SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data"))
                .withAdminToken(SluiceHarness.TOKEN).withConfigFile(config, ConfigReader.read(config, null).graph()), clock)) {
            Path files = Files.createDirectories(dir.resolve("files"));
            upload(sluice, Wheels.wheel(files, "tool", "1.0"), "tool", "1.0");
            upload(sluice, Wheels.wheel(files, "tool", "2.0"), "tool", "2.0");
            upload(sluice, Wheels.wheel(files, "reqeusts", "1.0"), "reqeusts", "1.0");
            upload(sluice, Wheels.wheel(files, "unlisted", "1.0"), "unlisted", "1.0");
            upload(sluice, Wheels.wheelWithMetadata(files, "mit-thing", "1.0", "Classifier: License :: OSI Approved :: MIT License"),
                    "mit-thing", "1.0");
            upload(sluice, Wheels.wheelWithMetadata(files, "gpl-thing", "1.0",
                    "Classifier: License :: OSI Approved :: GNU General Public License v3 (GPLv3)"), "gpl-thing", "1.0");
            OsvRecords.importZip(sluice, OsvRecords.zip("""
                    {"id": "PYSEC-2099-9", "modified": "2026-11-30T10:00:00Z", "summary": "tool before 2.0 leaks",
                     "affected": [{"package": {"name": "tool", "ecosystem": "PyPI"},
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}],
                     "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]}
                    """));

            // age alone: new uploads wait; a day later the rule approves them
            assertThat(sluice.get("/indexes/age/simple/tool/").statusCode()).isEqualTo(403);
            clock.advance(Duration.ofDays(2));
            assertThat(files(sluice, "/indexes/age/simple/tool/")).containsExactly("tool-1.0-py3-none-any.whl",
                    "tool-2.0-py3-none-any.whl");

            // in order: a vulnerable version is denied before the list approves it; an imitated name is denied; listed passes
            assertThat(files(sluice, "/indexes/order/simple/tool/")).containsExactly("tool-2.0-py3-none-any.whl");
            HttpResponse<String> vulnerable = sluice.get("/indexes/order/simple/tool/tool-1.0-py3-none-any.whl");
            assertThat(vulnerable.statusCode()).isEqualTo(403);
            assertThat(vulnerable.body()).contains("refused by gate 'in-order'").contains("vulnerable severity high");
            HttpResponse<String> squat = sluice.get("/indexes/order/simple/reqeusts/reqeusts-1.0-py3-none-any.whl");
            assertThat(squat.statusCode()).isEqualTo(403);
            assertThat(squat.body()).contains("typosquat");
            assertThat(sluice.get("/indexes/order/simple/unlisted/").body()).contains("is approved on this index: request ")
                    .contains("pending a moderator's decision");

            // license alone: from the classifiers
            assertThat(files(sluice, "/indexes/license/simple/mit-thing/")).containsExactly("mit_thing-1.0-py3-none-any.whl");
            assertThat(sluice.get("/indexes/license/simple/gpl-thing/").statusCode()).isEqualTo(403);

            // inspection alone: the proxied file was never fetched, so never judged: 503 with Retry-After while it is
            HttpResponse<String> waiting = sluice.get("/indexes/inspection/simple/remote/remote-1.0-py3-none-any.whl");
            assertThat(waiting.statusCode()).isEqualTo(503);
            assertThat(waiting.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(waiting.body()).contains("inspection verdict clean").contains("waits for its input");
            assertThat(Eventually.poll(() -> sluice.get("/indexes/inspection/simple/remote/remote-1.0-py3-none-any.whl")
                    .statusCode(), status -> status != 503)).isEqualTo(200);

            // every rule decision is one audit event
            JsonNode events = JSON.readTree(sluice.admin("GET", "/admin/moderation/events?action=rule-denied", null).body())
                    .get("events");
            assertThat(events).extracting(e -> e.get("detail").asText()).anyMatch(d -> d.contains("tool-1.0-py3-none-any.whl"))
                    .anyMatch(d -> d.contains("reqeusts-1.0"));
        }
    }

    private static void upload(SluiceHarness sluice, Path wheel, String name, String version) throws Exception {
        HttpResponse<String> r = sluice.upload(Multipart.twineLike(wheel, name, version));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static List<String> files(SluiceHarness sluice, String page) throws Exception {
        HttpResponse<String> r = sluice.get(page, "Accept", JSON_TYPE);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        JSON.readTree(r.body()).get("files").forEach(f -> names.add(f.get("filename").asText()));
        return names;
    }
}
