package dev.sluice.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.MovableClock;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Web sessions over HTTP, the attacks first: a form without its CSRF token, with another session's, from another site,
 * or a sign-in without the form's cookie is refused; a sign-in cannot send the visitor to another site; the session
 * cookie is HttpOnly and SameSite=Strict; a session reads a private route; it ends when revoked, when its account is
 * disabled, and when it expires.
 */
class AccountPagesTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");

    @TempDir
    Path dir;

    @Test
    void sessionsAreGuardedAndEnd() throws Exception {
        MovableClock clock = new MovableClock();
        try (SluiceHarness sluice = SluiceHarness.startPrivateHosted(dir, clock)) {
            assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(Files.createDirectories(dir.resolve("w")), "secret-tool", "1.0"),
                    "secret-tool", "1.0")).statusCode()).isEqualTo(200);
            for (String user : new String[] {"alice", "bob"}) {
                assertThat(sluice.admin("POST", "/admin/users", "{\"name\": \"" + user + "\", \"password\": \"" + PASSWORD + "\"}")
                        .statusCode()).isEqualTo(201);
            }

            // a sign-in without the form's cookie (a login CSRF) is refused; one that names another site goes home
            assertThat(form(sluice, "/ui/signin", null, "csrf=abc&user=alice&password=" + enc(PASSWORD)).statusCode()).isEqualTo(403);
            String alice = signIn(sluice, "alice", "https://192.0.2.1/phish");
            String bob = signIn(sluice, "bob", "/");

            // the session reads the private route's project page; without it, nothing
            assertThat(sluice.get("/project/secret-tool/").statusCode()).isEqualTo(401);
            assertThat(sluice.get("/project/secret-tool/", "Cookie", alice).body()).contains("secret_tool-1.0-py3-none-any.whl");

            // forms: no token, another session's token, another site: refused, nothing made
            String aliceCsrf = csrf(sluice.get("/account/", "Cookie", alice).body());
            String bobCsrf = csrf(sluice.get("/account/", "Cookie", bob).body());
            assertThat(form(sluice, "/ui/tokens", alice, "scope=read").statusCode()).isEqualTo(403);
            assertThat(form(sluice, "/ui/tokens", alice, "scope=read&csrf=" + bobCsrf).statusCode()).isEqualTo(403);
            assertThat(form(sluice, "/ui/tokens", alice, "scope=read&csrf=" + aliceCsrf, "Origin", "https://192.0.2.1").statusCode())
                    .isEqualTo(403);
            assertThat(sluice.get("/account/", "Cookie", alice).body()).contains("You have no tokens yet");
            HttpResponse<String> made = form(sluice, "/ui/tokens", alice, "scope=read&scope=upload&expires=30d&description=ci&csrf=" + aliceCsrf);
            assertThat(made.statusCode()).isEqualTo(201);
            assertThat(made.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(made.body()).containsPattern("sluice_[0-9a-f]{64}");
            assertThat(form(sluice, "/ui/tokens", bob, "scope=admin&csrf=" + bobCsrf).body())
                    .as("no scope beyond the account's").doesNotContainPattern("sluice_[0-9a-f]{64}");
            assertThat(sluice.get("/manage/", "Cookie", bob).statusCode()).as("not an admin").isEqualTo(403);

            // bob signs in again and ends his first session from the list; alice cannot end it
            String bobSecond = signIn(sluice, "bob", "/");
            String secondPage = sluice.get("/account/", "Cookie", bobSecond).body();
            String bobSession = sessionId(secondPage);
            assertThat(form(sluice, "/ui/sessions/revoke", alice, "id=" + bobSession + "&csrf=" + aliceCsrf).statusCode()).isEqualTo(403);
            assertThat(sluice.get("/account/", "Cookie", bob).statusCode()).isEqualTo(200);
            assertThat(form(sluice, "/ui/sessions/revoke", bobSecond, "id=" + bobSession + "&csrf=" + csrf(secondPage)).statusCode())
                    .isEqualTo(303);
            assertThat(sluice.get("/account/", "Cookie", bob).statusCode()).as("revoked").isEqualTo(303);

            // an admin disables alice: her session stops at once
            assertThat(sluice.admin("POST", "/admin/users/alice/disable", null).statusCode()).isEqualTo(200);
            assertThat(sluice.get("/account/", "Cookie", alice).statusCode()).isEqualTo(303);

            // sessions expire
            assertThat(sluice.get("/account/", "Cookie", bobSecond).statusCode()).isEqualTo(200);
            clock.advance(Sessions.LIFETIME.plus(Duration.ofMinutes(1)));
            assertThat(sluice.get("/account/", "Cookie", bobSecond).statusCode()).isEqualTo(303);
            assertThat(sluice.admin("GET", "/admin/security-events?limit=50", null).body()).contains("sign in").contains("session revoke")
                    .contains("CSRF token");
        }
    }

    /** Signs in through the form as a browser does; returns the session cookie ({@code sluice_session=...}). */
    private static String signIn(SluiceHarness sluice, String user, String next) throws Exception {
        HttpResponse<String> form = sluice.get("/account/signin?next=" + enc(next));
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        HttpResponse<String> signedIn = form(sluice, "/ui/signin", cookie, "csrf=" + csrf(form.body()) + "&user=" + user
                + "&password=" + enc(PASSWORD) + "&next=" + enc(next));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).as("never to another site").hasValue("/");
        String session = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("sluice_session=")).findFirst()
                .orElseThrow();
        assertThat(session).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        return session.split(";", 2)[0];
    }

    private static HttpResponse<String> form(SluiceHarness sluice, String path, String cookie, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = sluice.request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return sluice.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("the page's form has a CSRF token").isTrue();
        return m.group(1);
    }

    /** The id of the session the account page offers to end (not the current one). */
    private static String sessionId(String page) {
        Matcher m = Pattern.compile("action=\"/ui/sessions/revoke\"[\\s\\S]*?name=\"id\" value=\"([0-9a-f]+)\"").matcher(page);
        assertThat(m.find()).as("another session is listed with an End button").isTrue();
        return m.group(1);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
