package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.ServerSettings;
import dev.sluice.proxy.UpstreamSettings;
import dev.sluice.testing.Archives;
import dev.sluice.testing.Archives.Content;
import dev.sluice.testing.Archives.TarGzWriter;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 15, each performed as the attacker did it, against a Sluice that proxies a second Sluice
 * (standing in for PyPI, which serves 'requests'). Each test failed on the code before its fix.
 */
class OutsideAttackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE_PASSWORD = "alice-correct-horse-1";
    private static final String ADMIN = "Bearer " + SluiceHarness.TOKEN;

    @TempDir
    static Path dir;

    static SluiceHarness upstream;
    static SluiceHarness sluice;
    static String aliceUpload;

    @BeforeAll
    static void start() throws Exception {
        upstream = SluiceHarness.start(dir.resolve("upstream"));
        assertThat(upstream.upload(Multipart.twineLike(Wheels.wheel(files(), "requests", "2.0"), "requests", "2.0")).statusCode())
                .isEqualTo(200);
        sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN)
                .withUpstream(UpstreamSettings.defaults("pypi", URI.create(upstream.simpleUrl()))));
        assertThat(call("POST", "/admin/users", ADMIN, "{\"name\": \"alice\", \"password\": \"" + ALICE_PASSWORD + "\"}")
                .statusCode()).isEqualTo(201);
        aliceUpload = tokenOf(call("POST", "/tokens", basic("alice", ALICE_PASSWORD), "{\"scopes\": [\"read\", \"upload\"]}"));
    }

    @AfterAll
    static void stop() {
        sluice.close();
        upstream.close();
    }

    static Path files() throws Exception {
        return Files.createDirectories(dir.resolve("files-" + System.nanoTime()));
    }

    static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> call(String method, String path, String authorization, String json, String... headers)
            throws Exception {
        return sluice.call(method, path, authorization, json, headers);
    }

    static String tokenOf(HttpResponse<String> created) throws Exception {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("token").asText();
    }

    static HttpResponse<String> upload(Path file, String name, String version, String authorization) throws Exception {
        return sluice.upload(Multipart.twineLike(file, name, version), authorization);
    }

    static HttpResponse<String> uploadAs(String filename, Path file, String name, String version, String authorization)
            throws Exception {
        return sluice.upload(Multipart.twineLike(file, name, version).file(filename, Files.readAllBytes(file)), authorization);
    }

    static JsonNode securityEvents() throws Exception {
        return JSON.readTree(call("GET", "/admin/security-events?limit=10000", ADMIN, null).body()).get("events");
    }

    // 1. Name takeover

    @Test
    void anOrdinaryAccountCannotTakeOverAPublicNameUntilAnAdminClaimsItAndAReleaseGivesItBack() throws Exception {
        Path wheel = Wheels.wheel(files(), "requests", "99.0");
        HttpResponse<String> takeover = upload(wheel, "requests", "99.0", "Bearer " + aliceUpload);
        assertThat(takeover.statusCode()).as(takeover.body()).isEqualTo(403);
        assertThat(takeover.body()).contains("served by the source 'pypi'").contains("/admin/projects/requests/claim");
        assertThat(upload(wheel, "Requests", "99.0", ADMIN).statusCode()).as("admins too must claim first").isEqualTo(403);
        assertThat(sluice.get("/simple/requests/").body()).contains("requests-2.0-py3-none-any.whl").doesNotContain("99.0");
        assertThat(sluice.get("/indexes/pypi/simple/requests/").statusCode()).isEqualTo(200);

        assertThat(call("POST", "/admin/projects/Requests/claim", ADMIN, null).statusCode()).isEqualTo(201);
        assertThat(upload(wheel, "requests", "99.0", "Bearer " + aliceUpload).statusCode()).isEqualTo(200);
        assertThat(sluice.get("/simple/requests/").body()).contains("requests-99.0").doesNotContain("requests-2.0");

        HttpResponse<String> released = call("DELETE", "/admin/projects/requests", ADMIN, null);
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(JSON.readTree(released.body()).get("deleted").asInt()).isEqualTo(1);
        assertThat(sluice.get("/simple/requests/").body()).as("the outside serves the name again")
                .contains("requests-2.0-py3-none-any.whl").doesNotContain("99.0");
        assertThat(upload(wheel, "requests", "99.0", ADMIN).statusCode()).as("unclaimed again").isEqualTo(403);
        call("POST", "/admin/projects/requests/claim", ADMIN, null);
        HttpResponse<String> reused = upload(wheel, "requests", "99.0", ADMIN);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).as("a released name's files stay burned").contains("already been used");
        assertThat(securityEvents().toString()).contains("name claim").contains("name release");
    }

    @Test
    void aNameNoOutsideSourceServesIsTheFirstUploaders() throws Exception {
        assertThat(upload(Wheels.wheel(files(), "alice-tools", "1.0"), "alice-tools", "1.0", "Bearer " + aliceUpload).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aReservedNameNeedsNoClaim() throws Exception {
        try (SluiceHarness reserving = SluiceHarness.start(ServerSettings.defaults(dir.resolve("reserving")).withAdminToken(SluiceHarness.TOKEN)
                .withGraph(dev.sluice.config.DefaultGraph.of(UpstreamSettings.defaults("pypi", URI.create(upstream.simpleUrl())))
                        .withReserved(java.util.List.of("req*")).graph()))) {
            HttpResponse<String> r = reserving.upload(Multipart.twineLike(Wheels.wheel(files(), "requests", "99.0"), "requests", "99.0"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }

    @Test
    void whenTheUpstreamCannotTellANewNameIsRefusedAndACachedPageStillCounts() throws Exception {
        SluiceHarness going = SluiceHarness.start(dir.resolve("going-upstream"));
        assertThat(going.upload(Multipart.twineLike(Wheels.wheel(files(), "cached-name", "1.0"), "cached-name", "1.0")).statusCode())
                .isEqualTo(200);
        try (SluiceHarness proxy = SluiceHarness.start(ServerSettings.defaults(dir.resolve("going-proxy")).withAdminToken(SluiceHarness.TOKEN)
                .withUpstream(UpstreamSettings.defaults("pypi", URI.create(going.simpleUrl()))))) {
            assertThat(proxy.get("/simple/cached-name/").statusCode()).isEqualTo(200);
            going.close(); // the upstream is gone; the proxy keeps what it fetched
            HttpResponse<String> cached = proxy.upload(Multipart.twineLike(Wheels.wheel(files(), "cached-name", "2.0"), "cached-name", "2.0"));
            assertThat(cached.statusCode()).as(cached.body()).isEqualTo(403);
            HttpResponse<String> unknown = proxy.upload(Multipart.twineLike(Wheels.wheel(files(), "never-seen", "1.0"), "never-seen", "1.0"));
            assertThat(unknown.statusCode()).as("fail closed: " + unknown.body()).isEqualTo(503);
            assertThat(unknown.body()).contains("cannot tell whether the source 'pypi' serves 'never-seen'");
        }
    }

    @Test
    void aTokenMadeWithoutScopesCanOnlyRead() throws Exception {
        String token = tokenOf(call("POST", "/tokens", basic("alice", ALICE_PASSWORD), "{}"));
        JsonNode listed = JSON.readTree(call("GET", "/tokens", "Bearer " + token, null).body()).get("tokens");
        assertThat(listed.toString()).contains("[\"read\"]");
        assertThat(upload(Wheels.wheel(files(), "alice-readonly", "1.0"), "alice-readonly", "1.0", "Bearer " + token).statusCode())
                .isEqualTo(403);
    }

    // 2. CSRF

    @Test
    void crossSiteFormsAndForeignOriginsChangeNothing() throws Exception {
        String form = "{\"name\": \"mallory\", \"admin\": true, \"password\": \"x-mallory-pass-1\"}";
        HttpResponse<String> textPlain = call("POST", "/admin/users", ADMIN, form, "Content-Type", "text/plain");
        assertThat(textPlain.statusCode()).as(textPlain.body()).isEqualTo(415);
        assertThat(call("POST", "/admin/users", ADMIN, form, "Content-Type", "application/json", "Origin", "http://evil.example")
                .statusCode()).isEqualTo(403);
        assertThat(call("POST", "/admin/users", ADMIN, form, "Content-Type", "application/json", "Sec-Fetch-Site", "cross-site")
                .statusCode()).isEqualTo(403);
        HttpResponse<String> basicAdmin = call("POST", "/admin/users", basic("__token__", SluiceHarness.TOKEN), form);
        assertThat(basicAdmin.statusCode()).as("the admin API takes Bearer only").isEqualTo(401);
        assertThat(basicAdmin.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sluice\"");
        assertThat(call("GET", "/admin/users", ADMIN, null).body()).doesNotContain("mallory");

        assertThat(upload(Wheels.wheel(files(), "csrf-target", "1.0"), "csrf-target", "1.0", ADMIN).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/admin/projects/csrf-target/releases/1.0/yank", ADMIN, "reason=x", "Content-Type",
                "application/x-www-form-urlencoded").statusCode()).isEqualTo(415);
        assertThat(call("POST", "/admin/projects/csrf-target/releases/1.0/yank", ADMIN, null, "Origin", "null").statusCode())
                .isEqualTo(403);
        HttpRequest crossSiteUpload = HttpRequest.newBuilder(URI.create(sluice.uploadUrl()))
                .header("Content-Type", Multipart.twineLike(Wheels.wheel(files(), "csrf-upload", "1.0"), "csrf-upload", "1.0").contentType())
                .header("Authorization", basic("alice", ALICE_PASSWORD)).header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        Multipart.twineLike(Wheels.wheel(files(), "csrf-upload", "1.0"), "csrf-upload", "1.0").body())).build();
        assertThat(sluice.send(crossSiteUpload, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(sluice.get("/simple/csrf-target/").body()).doesNotContain("data-yanked");

        String own = "http://127.0.0.1:" + URI.create(sluice.base()).getPort();
        assertThat(call("POST", "/admin/projects/csrf-target/releases/1.0/yank", ADMIN, "{\"reason\": \"ok\"}",
                "Content-Type", "application/json; charset=utf-8", "Origin", own, "Sec-Fetch-Site", "same-origin").statusCode())
                .as("this site's own page may").isEqualTo(200);
    }

    // 3. Replaced release bytes

    @Test
    void anotherSpellingOfAFilenameCannotAddASecondFile() throws Exception {
        Path original = Wheels.wheel(files(), "imm_pkg", "1.0");
        assertThat(upload(original, "imm_pkg", "1.0", "Bearer " + aliceUpload).statusCode()).isEqualTo(200);
        Path other = Wheels.wheel(files(), "imm_pkg", "1.0", "evil");
        for (String spelling : new String[] {"IMM_PKG-1.0-py3-none-any.whl", "imm_pkg-1.0-PY3-NONE-ANY.whl", "imm.pkg-1.0-py3-none-any.whl"}) {
            HttpResponse<String> r = uploadAs(spelling, other, "imm_pkg", "1.0", "Bearer " + aliceUpload);
            assertThat(r.statusCode()).as(spelling + ": " + r.body()).isEqualTo(400);
            assertThat(r.body()).contains("not in normal form").contains("imm_pkg-1.0-py3-none-any.whl");
        }
        HttpResponse<String> zeros = upload(Wheels.wheel(files(), "imm_pkg", "1.0.0"), "imm_pkg", "1.0.0", "Bearer " + aliceUpload);
        assertThat(zeros.statusCode()).as(zeros.body()).isEqualTo(409);
        assertThat(zeros.body()).contains("another spelling");
        assertThat(sluice.get("/simple/imm-pkg/").body()).contains("imm_pkg-1.0-py3-none-any.whl").doesNotContain("1.0.0");

        Path sdist = files().resolve("imm_pkg-1.0.tar.gz");
        try (TarGzWriter tar = new TarGzWriter(sdist)) {
            tar.add("imm_pkg-1.0/PKG-INFO", Content.of(Archives.metadata("imm_pkg", "1.0")));
        }
        assertThat(upload(sdist, "imm_pkg", "1.0", "Bearer " + aliceUpload).statusCode()).isEqualTo(200);
        Path zip = files().resolve("imm_pkg-1.0.zip");
        try (Archives.ZipWriter z = new Archives.ZipWriter(zip)) {
            z.add("imm_pkg-1.0/PKG-INFO", Content.of(Archives.metadata("imm_pkg", "1.0") + "Summary: other\n"));
        }
        assertThat(upload(zip, "imm_pkg", "1.0", "Bearer " + aliceUpload).statusCode()).as("one sdist per release").isEqualTo(409);
    }

    // 4. Tokens made with tokens

    @Test
    void aTokenMadeWithAShortLivedTokenNeverOutlivesItAndDiesWithIt() throws Exception {
        String parent = tokenOf(call("POST", "/tokens", basic("alice", ALICE_PASSWORD), "{\"scopes\": [\"read\"], \"expires\": \"10m\"}"));
        HttpResponse<String> child = call("POST", "/tokens", "Bearer " + parent, "{\"scopes\": [\"read\"], \"description\": \"forever?\"}");
        String childToken = tokenOf(child);
        JsonNode tokens = JSON.readTree(call("GET", "/tokens", "Bearer " + parent, null).body()).get("tokens");
        JsonNode parentInfo = null;
        JsonNode childInfo = null;
        for (JsonNode t : tokens) {
            if (t.get("id").asText().equals(JSON.readTree(child.body()).get("id").asText())) {
                childInfo = t;
            } else if (t.get("description").asText().isEmpty() && !t.get("expires").isNull()) {
                parentInfo = t;
            }
        }
        assertThat(childInfo).isNotNull();
        assertThat(parentInfo).isNotNull();
        assertThat(childInfo.get("expires").asText()).as("capped at its maker's expiry").isEqualTo(parentInfo.get("expires").asText());
        assertThat(call("GET", "/simple/", "Bearer " + childToken, null).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/tokens/" + parentInfo.get("id").asText(), basic("alice", ALICE_PASSWORD), null).statusCode())
                .isEqualTo(200);
        assertThat(call("GET", "/simple/", basic("__token__", childToken), null).statusCode()).as("revoked with its maker")
                .isEqualTo(401);
    }

    // 8. The security log says why

    @Test
    void theSecurityLogRecordsTheRealReasonAndWhoseTokenItWas() throws Exception {
        call("POST", "/admin/users", ADMIN, "{\"name\": \"frank\", \"password\": \"frank-password-12\"}");
        String token = tokenOf(call("POST", "/tokens", basic("frank", "frank-password-12"), "{}"));
        String id = JSON.readTree(call("GET", "/tokens", basic("frank", "frank-password-12"), null).body()).get("tokens").get(0)
                .get("id").asText();
        call("DELETE", "/tokens/" + id, basic("frank", "frank-password-12"), null);
        assertThat(call("GET", "/simple/", basic("__token__", token), null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/simple/", basic("frank", "not-franks-password"), null).statusCode()).isEqualTo(401);
        call("POST", "/admin/users/frank/disable", ADMIN, null);
        assertThat(call("GET", "/simple/", basic("frank", "frank-password-12"), null).statusCode()).isEqualTo(401);
        String events = securityEvents().toString();
        assertThat(events).doesNotContain("not the admin token");
        JsonNode all = securityEvents();
        boolean revoked = false;
        boolean wrong = false;
        boolean disabled = false;
        for (JsonNode e : all) {
            String reason = e.path("reason").asText();
            if ("frank".equals(e.path("actor").asText())) {
                revoked |= reason.equals("token " + id + " was revoked");
                wrong |= reason.equals("wrong password");
                disabled |= reason.equals("the account is disabled");
            }
        }
        assertThat(revoked).as("revoked token, actor frank: " + events).isTrue();
        assertThat(wrong).as("wrong password: " + events).isTrue();
        assertThat(disabled).as("disabled account: " + events).isTrue();
    }

    @Test
    void throttledGuessesAreRecordedOnceAMinuteNotEachTime() throws Exception {
        for (int i = 0; i < 16; i++) {
            call("GET", "/simple/", basic("grace", "guess-number-" + i), null);
        }
        long throttledEvents = 0;
        for (JsonNode e : securityEvents()) {
            if ("grace".equals(e.path("actor").asText()) && e.path("reason").asText().startsWith("throttled")) {
                throttledEvents++;
            }
        }
        assertThat(throttledEvents).as("six 429s, one event").isEqualTo(1);
    }

    // 6. Legitimate uploads

    @Test
    void aLongReadmeIsAcceptedAndAnOversizedFormSaysItsLimit() throws Exception {
        Path wheel = Wheels.wheel(files(), "long-readme", "1.0");
        HttpResponse<String> r = sluice.upload(Multipart.twineLike(wheel, "long-readme", "1.0").field("description", "x".repeat(250_000))
                .field("description_content_type", "text/markdown"), "Bearer " + aliceUpload);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        HttpResponse<String> tooBig = sluice.upload(Multipart.twineLike(Wheels.wheel(files(), "long-readme", "1.1"), "long-readme", "1.1")
                .field("description", "x".repeat(17 << 20)), "Bearer " + aliceUpload);
        assertThat(tooBig.statusCode()).as(tooBig.body()).isEqualTo(413);
        assertThat(tooBig.body()).contains("16 MiB");
    }

    // 10. 500s with stack traces

    @Test
    void hostileNumbersAndNestingAreClientErrors() throws Exception {
        assertThat(upload(Wheels.wheel(files(), "range-target", "1.0"), "range-target", "1.0", ADMIN).statusCode()).isEqualTo(200);
        String file = "/simple/range-target/range_target-1.0-py3-none-any.whl";
        assertThat(sluice.get(file, "Range", "bytes=99999999999999999999999999-").statusCode()).isEqualTo(416);
        assertThat(sluice.get(file, "Range", "bytes=0-99999999999999999999999999").statusCode()).isEqualTo(206);
        assertThat(sluice.get(file, "Range", "bytes=-99999999999999999999999999").statusCode()).isEqualTo(206);
        HttpResponse<String> nested = call("POST", "/tokens", basic("alice", ALICE_PASSWORD), "[".repeat(100_000) + "]".repeat(100_000));
        assertThat(nested.statusCode()).as(nested.body()).isEqualTo(400);
        HttpResponse<String> digits = call("POST", "/tokens", basic("alice", ALICE_PASSWORD), "{\"expires\": " + "9".repeat(1_500) + "}");
        assertThat(digits.statusCode()).as(digits.body()).isEqualTo(400);
        assertThat(digits.body()).doesNotContain("Exception");
    }

    // 13. Hygiene

    @Test
    void theHostHeaderNeverBecomesAUrlInTheJsonApi() throws Exception {
        assertThat(upload(Wheels.wheel(files(), "host-target", "1.0"), "host-target", "1.0", ADMIN).statusCode()).isEqualTo(200);
        String answer;
        try (Socket socket = new Socket("127.0.0.1", URI.create(sluice.base()).getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /pypi/host-target/json HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        assertThat(answer).startsWith("HTTP/1.1 200").contains("/simple/host-target/host_target-1.0-py3-none-any.whl")
                .doesNotContain("attacker.example");
    }

    @Test
    void theDataDirectoryIsTheOwnersAlone() throws Exception {
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(sluice.data());
        assertThat(modes).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void anUnknownExportFormatIsRefused() throws Exception {
        HttpResponse<String> r = call("GET", "/admin/usage/export?format=xml", ADMIN, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("'xml'");
    }

    @Test
    void aKelvinSignCannotBecomeAProjectsDisplayName() throws Exception {
        Path file = files().resolve("kelvin-1.0-py3-none-any.whl");
        try (Archives.ZipWriter zip = new Archives.ZipWriter(file)) {
            zip.add("kelvin-1.0.dist-info/METADATA", Content.of("Metadata-Version: 2.1\nName: \u212Aelvin\nVersion: 1.0\n"));
        }
        HttpResponse<String> r = upload(file, "kelvin", "1.0", ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(sluice.get("/simple/kelvin/").statusCode()).isNotEqualTo(200);
    }
}
