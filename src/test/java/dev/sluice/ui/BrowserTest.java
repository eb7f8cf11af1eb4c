package dev.sluice.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import dev.sluice.app.ServerSettings;
import dev.sluice.config.ConfigReader;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.Nginx;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.StaticMirror;
import dev.sluice.testing.Wheels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web interface in a real browser (Debian's Chromium driven by Playwright), as a person uses it: search, open a
 * project, read its README, follow a dependency, sign in, make a token (shown once, and working) and revoke it (and it
 * stops working), approve a moderation request (and the index serves it). Every page is checked by axe-core: no
 * serious or critical accessibility violation. Screenshots of the main pages (desktop and phone width, light and dark)
 * are written to target/screenshots, or to the folder {@code -Dsluice.screenshots} names (docs/screenshots).
 */
class BrowserTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void aPersonFindsReadsSignsInMakesATokenAndModerates() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium (bin/test installs it)").isExecutable();
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        StaticMirror.write(mirror, List.of(Wheels.wheel(Files.createDirectories(mirror.resolve("packages")), "outside-pkg", "1.0")));
        Nginx nginx = Nginx.serve(mirror, dir.resolve("nginx"));
        Path config = Files.writeString(dir.resolve("sluice.toml"), dev.sluice.testing.Graphs.hostedAndModeratedUpstream(
                nginx.url("/simple/")));
        try (nginx; SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data"))
                .withAdminToken(SluiceHarness.TOKEN).withConfigFile(config, ConfigReader.read(config, null).graph()));
                Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                        .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync")))) {
            publish(sluice);
            assertThat(sluice.get("/indexes/outside/simple/outside-pkg/").statusCode()).as("a request waits").isEqualTo(403);
            assertThat(sluice.admin("POST", "/admin/users", "{\"name\": \"alice\", \"password\": \"" + PASSWORD + "\", \"admin\": true}")
                    .statusCode()).isEqualTo(201);

            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
            Page page = context.newPage();
            List<String> violations = new ArrayList<>();

            // search, open a project, read its README, follow a dependency
            page.navigate(sluice.base() + "/");
            check(page, violations);
            page.getByLabel("Search projects").fill("demo");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            assertThat(page.locator("h1").textContent()).contains("Projects matching");
            check(page, violations);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("demo-tool")).click();
            assertThat(page.url()).endsWith("/project/demo-tool/");
            assertThat(page.locator("h1").first().textContent()).contains("demo-tool").contains("1.1");
            assertThat(page.locator(".readme h2").textContent()).isEqualTo("Getting started");
            assertThat(page.locator(".readme script").count()).as("the README's script is text, not a script").isZero();
            assertThat(page.locator(".readme table td").first().textContent()).isEqualTo("-v");
            assertThat(page.locator("code.copy").textContent()).isEqualTo("pip install --index-url " + sluice.base() + "/simple/ demo-tool");
            assertThat(page.locator("table.releases tbody tr").count()).isEqualTo(2);
            check(page, violations);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("helper-lib").setExact(true)).click();
            assertThat(page.url()).endsWith("/project/helper-lib/");
            assertThat(page.locator("h1").textContent()).contains("helper-lib");
            assertThat(page.locator("ul.dependents").textContent()).as("reverse dependencies among hosted projects").contains("demo-tool");
            assertThat(page.locator("table.releases tbody tr").nth(1).textContent()).contains("1.0").contains("yanked: broken build");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("1.0").setExact(true)).click();
            assertThat(page.url()).endsWith("/project/helper-lib/1.0/");
            assertThat(page.locator(".notice").textContent()).contains("the latest is 2.0");
            check(page, violations);

            // sign in: a wrong password is refused, the right one opens the account page
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in")).click();
            check(page, violations);
            page.getByLabel("User name").fill("alice");
            page.getByLabel("Password").fill("wrong");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.locator(".problem").textContent()).contains("Wrong user name or password");
            page.getByLabel("User name").fill("alice");
            page.getByLabel("Password").fill(PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.url()).endsWith("/project/helper-lib/1.0/");
            assertThat(context.cookies()).anySatisfy(c -> {
                assertThat(c.name).isEqualTo("sluice_session");
                assertThat(c.httpOnly).isTrue();
                assertThat(c.sameSite.name()).isEqualTo("STRICT");
            });
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("alice")).click();
            assertThat(page.locator("h1").textContent()).isEqualTo("Your account: alice");

            // make a token: shown once, and it works; revoke it: it stops working
            page.getByLabel("Description").fill("laptop");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make token")).click();
            String token = page.locator("#token-secret").textContent();
            assertThat(token).startsWith("sluice_");
            assertThat(sluice.call("GET", "/tokens", "Bearer " + token, null).statusCode()).isEqualTo(200);
            check(page, violations);
            shoot(page, "account");
            page.navigate(sluice.base() + "/account/");
            assertThat(page.content()).as("shown once").doesNotContain(token);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke token").setExact(false)).first().click();
            assertThat(page.locator("table.tokens tbody tr").first().textContent()).contains("revoked");
            assertThat(sluice.call("GET", "/tokens", "Bearer " + token, null).statusCode()).isEqualTo(401);

            // approve a moderation request: the index serves it from the next request on
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Moderation")).click();
            assertThat(page.locator("section.request h2").textContent()).isEqualTo("outside-pkg");
            check(page, violations);
            shoot(page, "moderation");
            page.getByLabel("Approve").check();
            page.getByLabel("Reason").fill("reviewed the sources");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Decide")).click();
            assertThat(page.locator(".notice").textContent()).contains("Approved");
            assertThat(page.content()).contains("Nothing waits for a decision");
            assertThat(sluice.get("/indexes/outside/simple/outside-pkg/").statusCode()).isEqualTo(200);

            // the administration page, then signing out ends the session
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Administration")).click();
            assertThat(page.locator("table.events").textContent()).contains("sign in").contains("token revoke");
            check(page, violations);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Usage")).click();
            assertThat(page.locator("h1").textContent()).isEqualTo("Usage in the last 7 days");
            assertThat(page.locator("table.refusals").textContent()).as("the pending request's refusal").contains("moderation")
                    .contains("outside-pkg is pending a moderator's decision");
            check(page, violations);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            page.navigate(sluice.base() + "/account/");
            assertThat(page.url()).as("signed out: sent to sign in").contains("/account/signin");

            assertThat(violations).as("serious or critical accessibility violations").isEmpty();
            // three downloads show in the chart once the usage log has written them
            java.util.regex.Matcher url = java.util.regex.Pattern.compile("href=\"([^\"#]*demo_tool-1\\.1-py3-none-any\\.whl)")
                    .matcher(sluice.get("/simple/demo-tool/").body());
            assertThat(url.find()).isTrue();
            String file = java.net.URI.create(sluice.base() + "/simple/demo-tool/").resolve(url.group(1)).getPath();
            for (int i = 0; i < 3; i++) {
                assertThat(sluice.getBytes(file).statusCode()).isEqualTo(200);
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (!sluice.get("/project/demo-tool/").body().contains("3 downloads in the last 30 days") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(sluice.get("/project/demo-tool/").body()).contains("3 downloads in the last 30 days")
                    .contains("<title>" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ": 3 downloads</title>");
            screenshots(browser, sluice.base());
            context.close();
        }
    }

    /** Hosted projects for the tour: demo-tool 1.0 and 1.1 (a README, a dependency), helper-lib 1.0 (yanked) and 2.0. */
    private static void publish(SluiceHarness sluice) throws Exception {
        Path files = Files.createDirectories(sluice.data().resolveSibling("wheels"));
        for (String v : List.of("1.0", "2.0")) {
            assertThat(sluice.upload(Multipart.twineLike(Wheels.wheelWithMetadata(files, "helper-lib", v, "Summary: Small helpers"),
                    "helper-lib", v)).statusCode()).isEqualTo(200);
        }
        assertThat(sluice.admin("POST", "/admin/projects/helper-lib/releases/1.0/yank", "{\"reason\": \"broken build\"}").statusCode())
                .isEqualTo(200);
        for (String v : List.of("1.0", "1.1")) {
            assertThat(sluice.upload(Multipart.twineLike(Wheels.wheelWithMetadata(files, "demo-tool", v,
                    "Summary: A tool for demonstrations", "Requires-Dist: helper-lib>=1.0", "Requires-Dist: requests[socks]>=2.31; extra == \"net\"",
                    "Description-Content-Type: text/markdown", "", "# Demo tool", "", "## Getting started", "",
                    "Install it and run `demo`.", "", "<script>alert(1)</script>", "", "| option | meaning |", "|---|---|",
                    "| `-v` | more output |"), "demo-tool", v)).statusCode()).isEqualTo(200);
        }
    }

    /** axe-core in the page: any serious or critical violation is recorded with the page it was on. */
    private static void check(Page page, List<String> violations) {
        for (Rule rule : new AxeBuilder(page).analyze().getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                violations.add(page.url() + ": " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
    }

    private static Path screenshotFolder() throws java.io.IOException {
        return Files.createDirectories(Path.of(System.getProperty("sluice.screenshots", "target/screenshots")));
    }

    private static void shoot(Page page, String name) throws java.io.IOException {
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshotFolder().resolve(name + ".png")).setFullPage(true));
    }

    /** The public pages at desktop and phone width, in light and dark. */
    private static void screenshots(Browser browser, String base) throws java.io.IOException {
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            for (int width : List.of(1280, 390)) {
                try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setColorScheme(scheme)
                        .setViewportSize(width, width > 600 ? 900 : 844).setDeviceScaleFactor(1))) {
                    Page page = context.newPage();
                    String suffix = "-" + (width > 600 ? "desktop" : "phone") + "-" + scheme.name().toLowerCase(java.util.Locale.ROOT);
                    page.navigate(base + "/project/demo-tool/");
                    shoot(page, "project" + suffix);
                    page.navigate(base + "/search?q=lib");
                    shoot(page, "search" + suffix);
                }
            }
        }
    }
}
