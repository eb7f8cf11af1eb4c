package dev.sluice.access;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.DefaultGraph;
import dev.sluice.pep.ProjectName;
import dev.sluice.testing.MovableClock;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import dev.sluice.app.ServerSettings;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * The attack table: each attempt refused with the right status, nothing stored, the refusal in the security
 * log; then every log line and stored byte is searched for the secrets used.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessAttackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE_PASSWORD = "alice-correct-horse-1";
    private static final String BOB_PASSWORD = "bob-battery-staple-22";
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    /** Moved past token expiries instead of sleeping through them. */
    private static final MovableClock CLOCK = new MovableClock();
    /** Upload is asked for by name: a token made without scopes may only read. */
    private static final String FULL = "{\"scopes\": [\"read\", \"upload\"]}";

    @TempDir
    static Path dir;

    static SluiceHarness sluice;
    static String aliceUploadA;
    static String aliceRead;
    static String aliceFull;
    static String bobFull;
    static String revoked;
    static String expired;
    static String carolToken;
    static final List<String> SECRETS = new ArrayList<>();

    @BeforeAll
    static void accountsAndTokens() throws Exception {
        LOGS.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
        sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN)
                .withGraph(DefaultGraph.hostedOnly().withPrivateRead(true).graph()), CLOCK);
        admin("POST", "/admin/users", "{\"name\": \"alice\", \"password\": \"" + ALICE_PASSWORD + "\"}", 201);
        admin("POST", "/admin/users", "{\"name\": \"bob\", \"password\": \"" + BOB_PASSWORD + "\"}", 201);
        admin("POST", "/admin/users", "{\"name\": \"carol\"}", 201);
        aliceUploadA = token(basic("alice", ALICE_PASSWORD), "{\"scopes\": [\"upload:project=acme-a\"]}");
        aliceRead = token(basic("alice", ALICE_PASSWORD), "{\"scopes\": [\"read\"]}");
        aliceFull = token(basic("alice", ALICE_PASSWORD), FULL);
        bobFull = token(basic("bob", BOB_PASSWORD), FULL);
        revoked = token(basic("bob", BOB_PASSWORD), "{\"description\": \"to revoke\"}");
        expired = token(basic("bob", BOB_PASSWORD), "{\"expires\": \"1s\"}");
        carolToken = token("Bearer " + SluiceHarness.TOKEN, "{\"user\": \"carol\"}");
        SECRETS.addAll(List.of(ALICE_PASSWORD, BOB_PASSWORD, SluiceHarness.TOKEN, aliceUploadA, aliceRead, aliceFull, bobFull,
                revoked, expired, carolToken));
        String revokedId = JSON.readTree(call("GET", "/tokens", basic("bob", BOB_PASSWORD), null).body()).get("tokens").get(1)
                .get("id").asText();
        assertThat(call("DELETE", "/tokens/" + revokedId, "Bearer " + bobFull, null).statusCode()).isEqualTo(200);
        admin("POST", "/admin/users/carol/disable", null, 200);
        assertThat(upload("acme-a", "1.0", tokenAuth(aliceUploadA)).statusCode()).as("alice owns acme-a now").isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(2)); // the 1s token has expired
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
        sluice.close();
    }

    static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String tokenAuth(String token) {
        return basic("__token__", token);
    }

    static HttpResponse<String> call(String method, String path, String authorization, String json) throws Exception {
        return sluice.call(method, path, authorization, json);
    }

    static void admin(String method, String path, String json, int expected) throws Exception {
        HttpResponse<String> r = call(method, path, "Bearer " + SluiceHarness.TOKEN, json);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
    }

    static String token(String authorization, String json) throws Exception {
        HttpResponse<String> r = call("POST", "/tokens", authorization, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("token").asText();
    }

    /** Uploads a wheel under the form name given (a valid wheel of another name when that name is no name). */
    static HttpResponse<String> upload(String name, String version, String authorization) throws Exception {
        Path files = Files.createDirectories(dir.resolve("files"));
        String wheelName = ProjectName.isValid(name) ? name : "acme-x";
        return sluice.upload(Multipart.twineLike(Wheels.wheel(files, wheelName, version), name, version), authorization);
    }

    static int securityEvents() throws Exception {
        return JSON.readTree(call("GET", "/admin/security-events?limit=10000", "Bearer " + SluiceHarness.TOKEN, null).body())
                .get("events").size();
    }

    /** One attempt: what is sent, and the status it must get. */
    record Attack(String method, String path, String authorization, String json, String uploadName, int status) {
        static Attack get(String path, String authorization, int status) {
            return new Attack("GET", path, authorization, null, null, status);
        }

        static Attack upload(String name, String authorization, int status) {
            return new Attack("POST", "/legacy/", authorization, null, name, status);
        }

        static Attack call(String method, String path, String authorization, String json, int status) {
            return new Attack(method, path, authorization, json, null, status);
        }
    }

    static Stream<Arguments> attacks() {
        String longSecret = "x".repeat(3_000);
        return Stream.of(
                Arguments.of("no credentials on a private route", Attack.get("/simple/", null, 401)),
                Arguments.of("no credentials on its JSON API", Attack.get("/pypi/acme-a/json", null, 401)),
                Arguments.of("no credentials on its snapshot", Attack.get("/snapshot/2030-01-01/simple/acme-a/", null, 401)),
                Arguments.of("a revoked token", Attack.get("/simple/", tokenAuth(revoked), 401)),
                Arguments.of("an expired token", Attack.get("/simple/", tokenAuth(expired), 401)),
                Arguments.of("a disabled account's token", Attack.get("/simple/", tokenAuth(carolToken), 401)),
                Arguments.of("a malformed token", Attack.get("/simple/", tokenAuth("sluice_not-a-token"), 401)),
                Arguments.of("a token-shaped guess", Attack.get("/simple/", tokenAuth("sluice_" + "0".repeat(64)), 401)),
                Arguments.of("Basic that is not base64", Attack.get("/simple/", "Basic %%%not-base64%%%", 401)),
                Arguments.of("an unknown scheme", Attack.get("/simple/", "Digest username=\"alice\"", 401)),
                Arguments.of("header injection inside Basic", Attack.get("/simple/",
                        basic("alice\r\nX-Admin: yes", ALICE_PASSWORD), 401)),
                Arguments.of("very long credentials", Attack.get("/simple/", basic("alice", longSecret), 401)),
                Arguments.of("an unknown user", Attack.get("/simple/", basic("mallory", "mallory-password-1"), 401)),
                Arguments.of("an upload token reading", Attack.get("/simple/", tokenAuth(aliceUploadA), 403)),
                Arguments.of("a token for project A uploading B", Attack.upload("acme-b", tokenAuth(aliceUploadA), 403)),
                Arguments.of("a read token uploading", Attack.upload("acme-c", tokenAuth(aliceRead), 403)),
                Arguments.of("another owner's project", Attack.upload("acme-a", tokenAuth(bobFull), 403)),
                Arguments.of("another owner's project, spelt Acme_A", Attack.upload("Acme_A", tokenAuth(bobFull), 403)),
                Arguments.of("another owner's project, spelt acme.a", Attack.upload("acme.a", basic("bob", BOB_PASSWORD), 403)),
                Arguments.of("a path trick as a project name", Attack.upload("../../etc/passwd", tokenAuth(bobFull), 400)),
                Arguments.of("an upload without credentials", Attack.upload("acme-d", null, 401)),
                Arguments.of("the admin API with a user's token", Attack.call("GET", "/admin/users", "Bearer " + aliceFull, null, 403)),
                Arguments.of("the admin API with a user's password", Attack.call("POST", "/admin/users",
                        basic("bob", BOB_PASSWORD), "{\"name\": \"bob2\", \"admin\": true}", 401)),
                Arguments.of("the admin API with the admin token as Basic", Attack.call("POST", "/admin/users",
                        tokenAuth(SluiceHarness.TOKEN), "{\"name\": \"bob3\", \"admin\": true}", 401)),
                Arguments.of("a token made with a token made after its maker expired", Attack.call("POST", "/tokens",
                        "Bearer " + expired, "{}", 401)),
                Arguments.of("a yank with a user's token", Attack.call("POST", "/admin/projects/acme-a/releases/1.0/yank",
                        "Bearer " + aliceFull, null, 403)),
                Arguments.of("a reload with a user's token", Attack.call("POST", "/admin/config/reload", "Bearer " + bobFull, null, 403)),
                Arguments.of("a token wider than its maker", Attack.call("POST", "/tokens", "Bearer " + aliceUploadA,
                        "{\"scopes\": [\"upload\"]}", 403)),
                Arguments.of("an admin-scoped token for a user", Attack.call("POST", "/tokens", basic("bob", BOB_PASSWORD),
                        "{\"scopes\": [\"admin\"]}", 403)),
                Arguments.of("a token for someone else", Attack.call("POST", "/tokens", basic("bob", BOB_PASSWORD),
                        "{\"user\": \"alice\"}", 403)),
                Arguments.of("revoking someone else's token", Attack.call("DELETE", "/tokens/0000000000000000",
                        "Bearer " + bobFull, null, 403)),
                Arguments.of("an owner change through a path trick", Attack.call("PUT", "/admin/projects/..%2F..%2Fetc/owner",
                        "Bearer " + SluiceHarness.TOKEN, "{\"user\": \"bob\"}", 400)));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void eachAttemptIsRefusedWithItsStatusKeepsNothingAndIsRecorded(String what, Attack attack) throws Exception {
        int eventsBefore = securityEvents();
        HttpResponse<String> response = attack.uploadName() != null ? upload(attack.uploadName(), "6.6.6", attack.authorization())
                : call(attack.method(), attack.path(), attack.authorization(), attack.json());
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(attack.status());
        if (attack.status() == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).as("a challenge, so clients send credentials")
                    .isPresent();
        }
        if (attack.authorization() != null && attack.status() != 400) {
            assertThat(securityEvents()).as(what + ": the refusal is recorded").isGreaterThan(eventsBefore);
        }
        HttpResponse<String> page = call("GET", "/simple/acme-a/", tokenAuth(aliceFull), null);
        assertThat(page.body()).as("nothing was stored").doesNotContain("6.6.6");
    }

    @Order(2)
    @Test
    void guessingIsThrottledPerUserEvenWithTheRightPasswordAfterwards() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(call("GET", "/simple/", basic("alice", "guess-number-" + i), null).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = call("GET", "/simple/", basic("alice", ALICE_PASSWORD), null);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isPositive());
        assertThat(call("GET", "/simple/", tokenAuth(aliceFull), null).statusCode()).as("tokens are not throttled by a user's guesses")
                .isEqualTo(200);
    }

    @Order(3)
    @Test
    void aTeamAnAdminNamesOwnsAProjectForEachOfItsMembers() throws Exception {
        assertThat(upload("acme-a", "1.1", tokenAuth(bobFull)).statusCode()).isEqualTo(403);
        admin("POST", "/admin/teams", "{\"name\": \"platform\"}", 201);
        admin("POST", "/admin/teams/platform/members", "{\"user\": \"bob\"}", 200);
        admin("PUT", "/admin/projects/ACME_A/owner", "{\"team\": \"platform\"}", 200);
        assertThat(upload("Acme.A", "1.1", tokenAuth(bobFull)).statusCode()).as("bob is in the owning team").isEqualTo(200);
        assertThat(upload("acme-a", "1.2", tokenAuth(aliceFull)).statusCode()).as("alice no longer owns it").isEqualTo(403);
        admin("DELETE", "/admin/teams/platform/members/bob", null, 200);
        assertThat(upload("acme-a", "1.3", tokenAuth(bobFull)).statusCode()).isEqualTo(403);
    }

    @Order(4)
    @Test
    void noLogLineAndNoStoredByteHoldsAPasswordOrToken() throws Exception {
        List<String> lines = new ArrayList<>();
        synchronized (LOGS.list) {
            LOGS.list.forEach(e -> lines.add(e.getFormattedMessage() + " " + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())));
        }
        assertThat(lines).as("the server logged the refusals").anyMatch(l -> l.contains("refused"));
        for (String secret : SECRETS) {
            assertThat(lines).as("no log line holds a secret").noneMatch(l -> l.contains(secret));
        }
        List<Path> stored;
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            stored = files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("admin-token")).toList();
        }
        for (Path file : stored) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : SECRETS) {
                assertThat(bytes).as(file + " holds no secret").doesNotContain(secret);
            }
        }
        JsonNode events = JSON.readTree(call("GET", "/admin/security-events?limit=10000", "Bearer " + SluiceHarness.TOKEN, null).body());
        assertThat(events.get("events").size()).isGreaterThan(30);
    }
}
