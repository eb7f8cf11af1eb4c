package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.util.Digests;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.app.ServerSettings;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream credentials (in the URL or netrc, for the upstream's host only) and offline mode. */
class UpstreamSettingsTest {
    private static final String CREDENTIALS = "Basic " + Base64.getEncoder().encodeToString("reader:s3cret".getBytes(StandardCharsets.UTF_8));
    private static final byte[] FILE = "not really a tarball".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    static HttpServer index;
    static HttpServer files;
    static final List<String> filesSawAuthorization = new CopyOnWriteArrayList<>();
    static final AtomicInteger pageHits = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/", exchange -> {
            filesSawAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(200, FILE.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(FILE);
            }
        });
        files.start();
        index = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        index.createContext("/simple/", exchange -> {
            pageHits.incrementAndGet();
            if (!CREDENTIALS.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            // The file lives on another host name (localhost, not 127.0.0.1): credentials must not follow it there.
            // The 'redir' file is listed on the index's own origin, which redirects it to another port of the same host.
            boolean redirected = exchange.getRequestURI().getPath().contains("/redir/");
            String href = redirected ? "http://127.0.0.1:" + index.getAddress().getPort() + "/redirect/redir-1.0.tar.gz"
                    : "http://localhost:" + files.getAddress().getPort() + "/priv-1.0.tar.gz";
            String name = redirected ? "redir-1.0.tar.gz" : "priv-1.0.tar.gz";
            byte[] page = ("<html><body><a href=\"" + href + "#sha256=" + Digests.of(FILE).sha256() + "\">" + name
                    + "</a></body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        index.createContext("/redirect/", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + files.getAddress().getPort() + "/redir-1.0.tar.gz");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        index.start();
    }

    @AfterAll
    static void stop() {
        index.stop(0);
        files.stop(0);
    }

    private static String indexUrl(String userInfo) {
        return "http://" + userInfo + "127.0.0.1:" + index.getAddress().getPort() + "/simple/";
    }

    private static SluiceHarness proxy(UpstreamSettings upstream, String data) throws Exception {
        return SluiceHarness.start(ServerSettings.defaults(dir.resolve(data)).withAdminToken(SluiceHarness.TOKEN).withUpstream(upstream));
    }

    @Test
    void credentialsInTheUrlReachTheUpstreamHostOnlyAndLeaveTheUrl() throws Exception {
        UpstreamSettings settings = UpstreamSettings.fromUrl("pypi", URI.create(indexUrl("reader:s3cret@")), null);
        assertThat(settings.indexUrl().toString()).doesNotContain("s3cret");
        try (SluiceHarness proxy = proxy(settings, "url-credentials")) {
            assertThat(proxy.get("/indexes/pypi/simple/priv/").statusCode()).isEqualTo(200);
            assertThat(proxy.getBytes("/indexes/pypi/simple/priv/priv-1.0.tar.gz").body()).isEqualTo(FILE);
            assertThat(filesSawAuthorization).containsOnly("null");
        }
    }

    @Test
    void credentialsDoNotFollowARedirectToAnotherPortOfTheSameHost() throws Exception {
        UpstreamSettings settings = UpstreamSettings.fromUrl("pypi", URI.create(indexUrl("reader:s3cret@")), null);
        try (SluiceHarness proxy = proxy(settings, "redirect-credentials")) {
            assertThat(proxy.get("/indexes/pypi/simple/redir/").statusCode()).isEqualTo(200);
            int before = filesSawAuthorization.size();
            assertThat(proxy.getBytes("/indexes/pypi/simple/redir/redir-1.0.tar.gz").body()).isEqualTo(FILE);
            assertThat(filesSawAuthorization.subList(before, filesSawAuthorization.size())).as("another port is another server")
                    .containsExactly("null");
        }
    }

    @Test
    void credentialsComeFromNetrcWhenTheUrlHasNone() throws Exception {
        Path netrc = Files.writeString(dir.resolve("netrc"), "machine example.org login x password y\n"
                + "machine 127.0.0.1\n  login reader\n  password s3cret\n");
        try (SluiceHarness proxy = proxy(UpstreamSettings.fromUrl("pypi", URI.create(indexUrl("")), netrc), "netrc-data")) {
            assertThat(proxy.get("/indexes/pypi/simple/priv/").statusCode()).isEqualTo(200);
        }
        assertThat(Netrc.lookup(netrc, "example.org")).contains(new Netrc.Login("x", "y"));
        assertThat(Netrc.lookup(netrc, "elsewhere")).isEmpty();
    }

    @Test
    void withoutCredentialsTheRefusalIsNamed() throws Exception {
        try (SluiceHarness proxy = proxy(UpstreamSettings.fromUrl("pypi", URI.create(indexUrl("")), null), "no-credentials")) {
            var response = proxy.get("/indexes/pypi/simple/priv/");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("answered 401");
        }
    }

    @Test
    void offlineServesTheCacheAndNeverCallsOut() throws Exception {
        UpstreamSettings online = UpstreamSettings.fromUrl("pypi", URI.create(indexUrl("reader:s3cret@")), null);
        try (SluiceHarness proxy = proxy(online, "offline")) {
            assertThat(proxy.get("/indexes/pypi/simple/priv/").statusCode()).isEqualTo(200);
            assertThat(proxy.getBytes("/indexes/pypi/simple/priv/priv-1.0.tar.gz").statusCode()).isEqualTo(200);
        }
        int hitsBefore = pageHits.get();
        try (SluiceHarness offline = proxy(online.withOffline(true), "offline")) {
            assertThat(offline.get("/indexes/pypi/simple/priv/").statusCode()).isEqualTo(200);
            assertThat(offline.getBytes("/indexes/pypi/simple/priv/priv-1.0.tar.gz").body()).isEqualTo(FILE);
            var uncached = offline.get("/indexes/pypi/simple/other/");
            assertThat(uncached.statusCode()).isEqualTo(503);
            assertThat(uncached.body()).contains("offline");
        }
        assertThat(pageHits.get()).as("no upstream call while offline").isEqualTo(hitsBefore);
    }
}
