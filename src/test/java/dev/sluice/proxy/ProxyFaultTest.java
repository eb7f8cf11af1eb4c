package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.testing.MovableClock;
import dev.sluice.util.Digests;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.app.ServerSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proxy in front of an upstream that misbehaves in every way the issue lists. Each case has a defined
 * result: a stale page, a 502/503/504 that says why, or a 404 passed through; and never a corrupt file cached.
 */
class ProxyFaultTest {
    private static final String JSON = "application/vnd.pypi.simple.v1+json";
    private static final byte[] GOOD_FILE = new byte[200_000];
    /** Other bytes of the same length, as a replaced upstream file or a poisoner's would be. */
    private static final byte[] OTHER_FILE = new byte[200_000];
    private static final String GOOD_SHA;

    static {
        new Random(3).nextBytes(GOOD_FILE);
        new Random(4).nextBytes(OTHER_FILE);
        GOOD_SHA = Digests.of(GOOD_FILE).sha256();
    }

    @TempDir
    static Path dir;

    static HttpServer upstream;
    static SluiceHarness proxy;
    /** Moved past TTLs instead of sleeping through them. */
    static final MovableClock clock = new MovableClock();
    static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    static volatile boolean brokenNow;
    static volatile boolean delistedNow;
    static volatile boolean replacedNow;
    static final AtomicInteger notModified = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ProxyFaultTest::misbehave);
        upstream.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        upstream.start();
        URI index = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort() + "/simple/");
        UpstreamSettings settings = UpstreamSettings.defaults("pypi", index).withTimeout(Duration.ofSeconds(2))
                .withPageTtl(Duration.ofMillis(500)).withNotFoundTtl(Duration.ofMillis(800)).withMaxPageBytes(1 << 20)
                .withStaleWhileRevalidate(Duration.ZERO); // revalidated before serving: HungUpstreamTest covers the window
        proxy = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN)
                .withUpstream(settings), clock);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.stop(0);
    }

    private static String page(String project, String filename, String sha) {
        return """
                {"meta": {"api-version": "1.1", "_last-serial": 7}, "name": "%s", "versions": ["1.0"],
                 "files": [{"filename": "%s", "url": "../../files/%s", "hashes": {"sha256": "%s"},
                 "requires-python": ">=3.8", "yanked": false, "size": %d, "upload-time": "2026-05-14T19:25:26.443120Z"}]}
                """.formatted(project, filename, filename, sha, GOOD_FILE.length);
    }

    private static void misbehave(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String project = path.startsWith("/simple/") ? path.substring("/simple/".length()).replace("/", "") : "";
        try (exchange) {
            switch (project) {
                case "good", "stale", "listed" -> {
                    if (project.equals("stale") && brokenNow) {
                        send(exchange, 500, "text/plain", "down".getBytes(StandardCharsets.UTF_8));
                    } else {
                        send(exchange, 200, JSON, page(project, project + "-1.0.tar.gz", GOOD_SHA).getBytes(StandardCharsets.UTF_8));
                    }
                }
                case "slow" -> {
                    sleep(4_000);
                    send(exchange, 200, JSON, page(project, "slow-1.0.tar.gz", GOOD_SHA).getBytes(StandardCharsets.UTF_8));
                }
                case "error500" -> send(exchange, 500, "text/plain", "boom".getBytes(StandardCharsets.UTF_8));
                case "unavailable" -> {
                    exchange.getResponseHeaders().set("Retry-After", "120");
                    send(exchange, 503, "text/plain", "maintenance".getBytes(StandardCharsets.UTF_8));
                }
                case "reset" -> {
                    exchange.getResponseHeaders().set("Content-Type", JSON);
                    exchange.sendResponseHeaders(200, 10_000);
                    exchange.getResponseBody().write("{\"meta\": {\"api-version\": \"1.1\"}, \"files\": [".getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush();
                    // close with 9,9xx bytes missing: the connection breaks mid-body
                }
                case "badjson" -> send(exchange, 200, JSON, "{\"files\": [ {\"filename\": ".getBytes(StandardCharsets.UTF_8));
                case "badhtml" -> send(exchange, 200, "text/html", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, 3});
                case "loop" -> {
                    exchange.getResponseHeaders().set("Location", "/simple/loop/");
                    send(exchange, 302, "text/plain", new byte[0]);
                }
                case "huge" -> {
                    exchange.getResponseHeaders().set("Content-Type", JSON);
                    exchange.sendResponseHeaders(200, 0);
                    byte[] chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < 64; i++) {
                        exchange.getResponseBody().write(chunk);
                    }
                }
                case "wrongtype" -> send(exchange, 200, "image/png", new byte[] {1, 2, 3});
                case "flaky" -> {
                    if (hits.get(path).get() == 1) {
                        send(exchange, 404, "text/plain", "no".getBytes(StandardCharsets.UTF_8));
                    } else {
                        send(exchange, 200, JSON, page(project, "flaky-1.0.tar.gz", GOOD_SHA).getBytes(StandardCharsets.UTF_8));
                    }
                }
                case "truncated" -> send(exchange, 200, JSON, page(project, "truncated-1.0.tar.gz", GOOD_SHA).getBytes(StandardCharsets.UTF_8));
                case "wronghash" -> send(exchange, 200, JSON, page(project, "wronghash-1.0.tar.gz", GOOD_SHA).getBytes(StandardCharsets.UTF_8));
                case "delisted" -> send(exchange, 200, JSON, (delistedNow // a new serial, as PyPI gives any change
                        ? page(project, "delisted-2.0.tar.gz", GOOD_SHA).replace("\"_last-serial\": 7", "\"_last-serial\": 8")
                        : page(project, "delisted-1.0.tar.gz", GOOD_SHA)).getBytes(StandardCharsets.UTF_8));
                case "silent" -> send(exchange, 200, JSON, page(project, "silent-1.0.tar.gz", GOOD_SHA).getBytes(StandardCharsets.UTF_8));
                case "missing" -> send(exchange, 404, "text/plain", "no such project".getBytes(StandardCharsets.UTF_8));
                case "revalidated" -> {
                    exchange.getResponseHeaders().set("ETag", "\"v1\"");
                    if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                        notModified.incrementAndGet();
                        send(exchange, 304, JSON, new byte[0]);
                    } else {
                        send(exchange, 200, JSON, page(project, "revalidated-1.0.tar.gz", GOOD_SHA).getBytes(StandardCharsets.UTF_8));
                    }
                }
                case "victim" -> send(exchange, 200, JSON, page(project, "victim-1.0.tar.gz", GOOD_SHA).getBytes(StandardCharsets.UTF_8));
                case "poisoner" -> send(exchange, 200, JSON, page(project, "victim-1.0.tar.gz", Digests.of(OTHER_FILE).sha256())
                        .replace("../../files/", "../../other/").getBytes(StandardCharsets.UTF_8));
                case "fileurl" -> send(exchange, 200, JSON, page(project, "fileurl-1.0.tar.gz", GOOD_SHA)
                        .replace("../../files/fileurl-1.0.tar.gz", "file:///etc/passwd").getBytes(StandardCharsets.UTF_8));
                case "replaced" -> send(exchange, 200, JSON, (replacedNow
                        ? page(project, "replaced-1.0.tar.gz", Digests.of(OTHER_FILE).sha256()).replace("../../files/", "../../other/")
                                .replace("\"_last-serial\": 7", "\"_last-serial\": 8")
                        : page(project, "replaced-1.0.tar.gz", GOOD_SHA)).getBytes(StandardCharsets.UTF_8));
                case "crowded" -> {
                    sleep(500); // long enough for all the concurrent requests to arrive meanwhile
                    send(exchange, 200, JSON, page(project, "crowded-1.0.tar.gz", GOOD_SHA).getBytes(StandardCharsets.UTF_8));
                }
                default -> serveFile(exchange, path);
            }
        }
    }

    private static void serveFile(HttpExchange exchange, String path) throws IOException {
        if (path.endsWith("/truncated-1.0.tar.gz")) {
            exchange.sendResponseHeaders(200, GOOD_FILE.length);
            exchange.getResponseBody().write(GOOD_FILE, 0, GOOD_FILE.length / 2);
            return; // the connection closes half-way
        }
        if (path.endsWith("/silent-1.0.tar.gz")) {
            exchange.sendResponseHeaders(200, GOOD_FILE.length);
            exchange.getResponseBody().flush();
            return; // the connection closes before the first byte of the body
        }
        if (path.endsWith("/wronghash-1.0.tar.gz")) {
            byte[] other = GOOD_FILE.clone();
            other[other.length - 1] ^= 1;
            send(exchange, 200, "application/octet-stream", other);
            return;
        }
        if (path.startsWith("/other/")) {
            send(exchange, 200, "application/octet-stream", OTHER_FILE);
            return;
        }
        if (path.startsWith("/files/")) {
            send(exchange, 200, "application/octet-stream", GOOD_FILE);
            return;
        }
        send(exchange, 404, "text/plain", new byte[0]);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpResponse<String> page(String project) throws Exception {
        return proxy.get("/indexes/pypi/simple/" + project + "/", "Accept", JSON);
    }

    private static void assertGateway(String project, int status, String reason) throws Exception {
        HttpResponse<String> r = page(project);
        assertThat(r.statusCode()).as("%s: %s", project, r.body()).isEqualTo(status);
        assertThat(r.body()).as(project).contains(reason);
    }

    @Test
    void aSlowUpstreamIsAGatewayTimeout() throws Exception {
        assertGateway("slow", 504, "no answer within 2 s");
    }

    @Test
    void anUpstreamErrorIsABadGateway() throws Exception {
        assertGateway("error500", 502, "answered 500");
    }

    @Test
    void anUnavailableUpstreamPassesItsRetryAfterOn() throws Exception {
        HttpResponse<String> r = page("unavailable");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("120");
        assertThat(r.body()).contains("answered 503");
    }

    @Test
    void aConnectionResetMidBodyIsABadGateway() throws Exception {
        assertGateway("reset", 502, "broke off");
    }

    @Test
    void malformedPagesAreBadGateways() throws Exception {
        assertGateway("badjson", 502, "sent a JSON page that does not parse");
        assertGateway("badhtml", 502, "sent an HTML page that is not UTF-8");
        assertGateway("wrongtype", 502, "answered with Content-Type 'image/png'");
    }

    @Test
    void aRedirectLoopIsABadGateway() throws Exception {
        assertGateway("loop", 502, "more than 5 redirects");
    }

    @Test
    void aHugePageIsRefused() throws Exception {
        assertGateway("huge", 502, "larger than 1048576 bytes");
    }

    @Test
    void theRootListShowsAProjectOnceItsPageIsCachedThoughNoSerialChanged() throws Exception {
        HttpResponse<String> before = proxy.get("/simple/");
        assertThat(before.body()).doesNotContain("\"listed/\"");
        assertThat(page("listed").statusCode()).isEqualTo(200);
        HttpResponse<String> after = proxy.get("/simple/");
        assertThat(after.body()).contains("<a href=\"listed/\">listed</a>");
        assertThat(after.headers().firstValue("ETag")).as("a client's copy of the older list is not current")
                .isNotEqualTo(before.headers().firstValue("ETag"));
    }

    @Test
    void anUpstream404IsPassedThroughAndRememberedBriefly() throws Exception {
        assertThat(page("missing").statusCode()).isEqualTo(404);
        assertThat(page("flaky").statusCode()).isEqualTo(404);
        assertThat(page("flaky").statusCode()).as("remembered").isEqualTo(404);
        assertThat(hits.get("/simple/flaky/").get()).as("the 404 is not asked again at once").isEqualTo(1);
        clock.advance(Duration.ofMillis(1_000));
        assertThat(page("flaky").statusCode()).as("asked again once the 404 expired").isEqualTo(200);
    }

    @Test
    void aStalePageIsServedWhenTheUpstreamFailsAndSaysSo() throws Exception {
        HttpResponse<String> fresh = page("stale");
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.headers().firstValue("X-Sluice-Stale")).isEmpty();
        brokenNow = true;
        try {
            clock.advance(Duration.ofMillis(700)); // past the page TTL
            HttpResponse<String> stale = page("stale");
            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(stale.body()).isEqualTo(fresh.body());
            assertThat(stale.headers().firstValue("X-Sluice-Stale")).hasValueSatisfying(v -> assertThat(v).contains("answered 500"));
        } finally {
            brokenNow = false;
        }
    }

    @Test
    void anExpiredPageIsRevalidatedWithItsETag() throws Exception {
        HttpResponse<String> first = page("revalidated");
        clock.advance(Duration.ofMillis(700)); // past the page TTL
        HttpResponse<String> second = page("revalidated");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(notModified.get()).as("the upstream answered 304 to the revalidation").isEqualTo(1);
        assertThat(hits.get("/simple/revalidated/").get()).isEqualTo(2);
    }

    @Test
    void concurrentRequestsForOnePageMakeOneUpstreamFetch() throws Exception {
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<HttpResponse<String>>>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> page("crowded")));
            }
            for (var answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(200);
            }
        }
        assertThat(hits.get("/simple/crowded/").get()).isEqualTo(1);
    }

    @Test
    void theUpstreamIsReachedThroughTheOutboundProxy() throws Exception {
        java.util.List<String> seenByProxy = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer outbound = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        outbound.createContext("/", exchange -> {
            // A forward proxy receives the absolute URL of the upstream; this one answers for it.
            seenByProxy.add(exchange.getRequestURI().toString());
            try (exchange) {
                send(exchange, 200, JSON, page("viaproxy", "viaproxy-1.0.tar.gz", GOOD_SHA).getBytes(StandardCharsets.UTF_8));
            }
        });
        outbound.start();
        try (SluiceHarness viaProxy = SluiceHarness.start(ServerSettings.defaults(dir.resolve("outbound"))
                .withAdminToken(SluiceHarness.TOKEN).withUpstream(UpstreamSettings.defaults("pypi",
                        URI.create("http://upstream.invalid/simple/")).withOutboundProxy(outbound.getAddress())))) {
            assertThat(viaProxy.get("/indexes/pypi/simple/viaproxy/").statusCode()).isEqualTo(200);
            assertThat(seenByProxy).containsExactly("http://upstream.invalid/simple/viaproxy/");
        } finally {
            outbound.stop(0);
        }
    }

    /** A proxy counter from /metrics, e.g. sluice_proxy_file_hits_total. */
    private static double counter(String name) throws Exception {
        return proxy.get("/metrics").body().lines().filter(l -> l.startsWith(name + "{source=\"pypi\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    @Test
    void aGoodFileIsFetchedOnceAndServedFromTheCache() throws Exception {
        double downloadsBefore = counter("sluice_proxy_file_downloads_total");
        double hitsBefore = counter("sluice_proxy_file_hits_total");
        assertThat(page("good").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> first = proxy.getBytes("/indexes/pypi/simple/good/good-1.0.tar.gz");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(GOOD_FILE);
        HttpResponse<byte[]> second = proxy.getBytes("/indexes/pypi/simple/good/good-1.0.tar.gz");
        assertThat(second.body()).isEqualTo(GOOD_FILE);
        assertThat(hits.get("/files/good-1.0.tar.gz").get()).isEqualTo(1);
        assertThat(first.headers().firstValue("ETag")).hasValue("\"" + GOOD_SHA + "\"");
        int pageHits = hits.get("/simple/good/").get();
        clock.advance(Duration.ofMillis(700)); // past the page TTL: a cached file still needs no upstream call, not even for its page
        assertThat(proxy.getBytes("/indexes/pypi/simple/good/good-1.0.tar.gz").body()).isEqualTo(GOOD_FILE);
        assertThat(hits.get("/simple/good/").get()).isEqualTo(pageHits);
        assertThat(counter("sluice_proxy_file_downloads_total") - downloadsBefore).as("/metrics counts the one download")
                .isEqualTo(1);
        assertThat(counter("sluice_proxy_file_hits_total") - hitsBefore).as("and the two cache hits").isEqualTo(2);
        assertThat(counter("sluice_proxy_upstream_errors_total")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aCachedFileIsServedWhileItsCachedPageListsItAndNotOnceARefetchedPageDropsIt() throws Exception {
        assertThat(page("delisted").statusCode()).isEqualTo(200);
        String url = "/indexes/pypi/simple/delisted/delisted-1.0.tar.gz";
        assertThat(proxy.getBytes(url).body()).isEqualTo(GOOD_FILE);
        clock.advance(Duration.ofMillis(700)); // past the page TTL: the cached page, whatever its age, still lists the file
        assertThat(proxy.getBytes(url).body()).isEqualTo(GOOD_FILE);
        assertThat(proxy.getBytes(url).statusCode()).isEqualTo(200);

        delistedNow = true;
        assertThat(page("delisted").body()).contains("delisted-2.0.tar.gz").doesNotContain("delisted-1.0.tar.gz");
        clock.advance(Duration.ofMillis(700)); // and past it again, so that what was remembered of the older page is what answers
        assertThat(proxy.getBytes(url).statusCode()).isEqualTo(404);
    }

    @Test
    void aTruncatedFileFailsTheTransferAndIsNotCached() throws Exception {
        assertFailsAndLeavesNothing("truncated");
    }

    @Test
    void aFileWithTheWrongHashFailsTheTransferAndIsNotCached() throws Exception {
        assertFailsAndLeavesNothing("wronghash");
    }

    @Test
    void anUpstreamThatBreaksOffBeforeTheFirstByteIsABadGatewayNotTheClientsFault() throws Exception {
        assertThat(page("silent").statusCode()).isEqualTo(200);
        HttpResponse<String> answer = proxy.get("/indexes/pypi/simple/silent/silent-1.0.tar.gz");
        assertThat(answer.statusCode()).isEqualTo(502);
        // Where it breaks (reading the body, or the client library noticing the short body first) shapes the words.
        assertThat(answer.body()).startsWith("Bad Gateway: upstream pypi: ").contains("silent-1.0.tar.gz");
    }

    @Test
    void aPageListingAnotherProjectsFilenameCannotPoisonThatProjectsFile() throws Exception {
        HttpResponse<String> poisoner = page("poisoner");
        assertThat(poisoner.statusCode()).isEqualTo(200);
        assertThat(poisoner.body()).as("another project's filename is left off").doesNotContain("victim-1.0.tar.gz");
        assertThat(proxy.getBytes("/indexes/pypi/simple/poisoner/victim-1.0.tar.gz").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> good = proxy.getBytes("/indexes/pypi/simple/victim/victim-1.0.tar.gz");
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(Digests.of(good.body()).sha256()).isEqualTo(GOOD_SHA);
    }

    @Test
    void aFileUrlOnAPageIsLeftOffNotA500() throws Exception {
        HttpResponse<String> r = page("fileurl");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("fileurl-1.0.tar.gz");
        assertThat(proxy.getBytes("/indexes/pypi/simple/fileurl/fileurl-1.0.tar.gz").statusCode()).isEqualTo(404);
    }

    @Test
    void aCachedFileIsNotServedForOtherBytesThePageNowLists() throws Exception {
        assertThat(page("replaced").statusCode()).isEqualTo(200);
        String url = "/indexes/pypi/simple/replaced/replaced-1.0.tar.gz";
        assertThat(Digests.of(proxy.getBytes(url).body()).sha256()).isEqualTo(GOOD_SHA);
        replacedNow = true;
        clock.advance(Duration.ofMillis(600)); // past the page TTL
        assertThat(page("replaced").body()).contains(Digests.of(OTHER_FILE).sha256());
        HttpResponse<byte[]> now = proxy.getBytes(url);
        assertThat(Digests.of(now.body()).sha256()).as("the bytes the page lists now, not the cached ones")
                .isEqualTo(Digests.of(OTHER_FILE).sha256());
    }

    /**
     * A request for a bad upstream file fails: the transfer breaks off; or, when the download fails before the
     * answer is committed (a fast local upstream breaks within a millisecond), a whole 502. Never a 200.
     */
    private static void assertTransferFails(String url, String why) throws InterruptedException {
        try {
            assertThat(proxy.getBytes(url).statusCode()).as(why).isEqualTo(502);
        } catch (IOException brokenOff) {
            // the transfer failed, as it should
        }
    }

    private static void assertFailsAndLeavesNothing(String project) throws Exception {
        assertThat(page(project).statusCode()).isEqualTo(200);
        String url = "/indexes/pypi/simple/" + project + "/" + project + "-1.0.tar.gz";
        assertTransferFails(url, "the client's transfer fails");
        assertTransferFails(url, "and fails again: nothing was cached");
        assertThat(proxy.storedFileNames()).as("only verified bytes in the store, nothing left in staging")
                .allMatch(name -> name.equals(GOOD_SHA) || name.equals(Digests.of(OTHER_FILE).sha256()));
    }
}
