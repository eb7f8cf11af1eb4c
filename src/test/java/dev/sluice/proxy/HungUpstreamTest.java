package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.app.ServerSettings;
import dev.sluice.testing.Eventually;
import dev.sluice.testing.MovableClock;
import dev.sluice.testing.SluiceHarness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream that accepts connections and then never answers (the issue measured 92 s for one pip install of a
 * cached package): expired pages are served at once and revalidated behind; after repeated timeouts the circuit
 * opens and requests fail fast or answer from the cache, one probe at a time; /ready and /metrics say so.
 */
class HungUpstreamTest {
    private static final String JSON = "application/vnd.pypi.simple.v1+json";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration TTL = Duration.ofMinutes(10);

    @TempDir
    Path dir;
    HttpServer upstream;
    SluiceHarness proxy;
    final MovableClock clock = new MovableClock();
    volatile CountDownLatch hang = new CountDownLatch(0);
    final AtomicInteger pageRequests = new AtomicInteger();
    volatile String version = "1.0";
    Path wheel;

    @BeforeEach
    void start() throws Exception {
        wheel = dev.sluice.testing.Wheels.wheel(java.nio.file.Files.createDirectories(dir.resolve("wheels")), "installable", "1.0");
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", this::answer);
        upstream.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        upstream.start();
        URI index = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort() + "/simple/");
        UpstreamSettings settings = UpstreamSettings.defaults("pypi", index).withTimeout(TIMEOUT)
                .withPageTtl(TTL).withCircuit(2, Duration.ofSeconds(30));
        proxy = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN)
                .withUpstream(settings), clock);
    }

    @AfterEach
    void stop() {
        hang.countDown();
        proxy.close();
        upstream.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            pageRequests.incrementAndGet();
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (exchange.getRequestURI().getPath().startsWith("/files/")) {
                byte[] file = java.nio.file.Files.readAllBytes(wheel);
                exchange.sendResponseHeaders(200, file.length);
                exchange.getResponseBody().write(file);
                return;
            }
            String project = exchange.getRequestURI().getPath().replace("/simple/", "").replace("/", "");
            boolean real = project.equals("installable");
            String filename = real ? wheel.getFileName().toString() : project + "-" + version + ".tar.gz";
            byte[] body = """
                    {"meta": {"api-version": "1.1"}, "name": "%s", "files": [{"filename": "%s", "url": "/files/%s",
                     "hashes": {"sha256": "%s"}}]}""".formatted(project, filename, filename,
                            real ? dev.sluice.util.Digests.of(java.nio.file.Files.readAllBytes(wheel)).sha256() : "a".repeat(64))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", JSON);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private HttpResponse<String> page(String project) throws Exception {
        return proxy.get("/simple/" + project + "/", "Accept", JSON);
    }

    /** The answer and how long it took: the point of the issue is that it does not take the upstream's timeout. */
    private record Timed(HttpResponse<String> response, Duration took) {}

    private Timed timedPage(String project) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = page(project);
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    @Test
    void anExpiredPageIsServedAtOnceAndRevalidatedBehind() throws Exception {
        assertThat(page("demo").body()).contains("demo-1.0.tar.gz");
        hang = new CountDownLatch(1);
        version = "2.0";
        clock.advance(TTL.plusMinutes(1));

        Timed expired = timedPage("demo");

        assertThat(expired.response().statusCode()).isEqualTo(200);
        assertThat(expired.response().body()).contains("demo-1.0.tar.gz");
        assertThat(expired.response().headers().firstValue("X-Sluice-Stale")).isEmpty();
        assertThat(expired.took()).isLessThan(TIMEOUT);
        // The revalidation behind it is running; once the upstream answers, the new page is served.
        assertThat(Eventually.holds(() -> pageRequests.get() == 2)).isTrue();
        assertThat(page("demo").headers().firstValue("X-Sluice-Stale")).as("the revalidation is still running").isEmpty();
        hang.countDown();
        assertThat(Eventually.holds(() -> page("demo").body().contains("demo-2.0.tar.gz"))).isTrue();
        assertThat(pageRequests.get()).isEqualTo(2);
    }

    @Test
    void pipInstallsACachedPackageWhileTheUpstreamHangs() throws Exception {
        dev.sluice.testing.PythonTools tools = new dev.sluice.testing.PythonTools(dir.resolve("home"));
        String python = dev.sluice.testing.PythonTools.pyenvPython();
        String index = proxy.base() + "/indexes/pypi/simple/";
        String[] install = {python, "-m", "pip", "install", "--no-cache-dir", "--index-url", index, "--target"};
        tools.run(dir, concat(install, dir.resolve("first").toString(), "installable")).requireSuccess("pip, upstream up");
        hang = new CountDownLatch(1);
        clock.advance(TTL.plusMinutes(1));

        long start = System.nanoTime();
        tools.run(dir, concat(install, dir.resolve("second").toString(), "installable")).requireSuccess("pip, upstream hung");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // The time is printed, not asserted (timed assertions flake); the page's own answer time is asserted above.
        System.out.printf("HungUpstreamTest: pip install of a cached package with the upstream hung: %d ms%n", took.toMillis());
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void aFailedRevalidationMarksTheServedPageStaleUntilOneSucceeds() throws Exception {
        assertThat(page("demo").statusCode()).isEqualTo(200);
        hang = new CountDownLatch(1);
        clock.advance(TTL.plusMinutes(1));
        assertThat(page("demo").headers().firstValue("X-Sluice-Stale")).isEmpty();

        assertThat(Eventually.holds(() -> page("demo").headers().firstValue("X-Sluice-Stale").orElse("")
                .contains("no answer within 2 s"))).isTrue();
        hang.countDown();
        assertThat(Eventually.holds(() -> page("demo").headers().firstValue("X-Sluice-Stale").isEmpty())).isTrue();
    }

    @Test
    void repeatedTimeoutsOpenTheCircuitSoRequestsFailFastOrAnswerFromTheCache() throws Exception {
        assertThat(page("cached").statusCode()).isEqualTo(200);
        clock.advance(TTL.plusDays(2)); // past the background window: this page is revalidated before it is served
        hang = new CountDownLatch(1);

        assertThat(page("first").statusCode()).isEqualTo(504);
        assertThat(page("second").statusCode()).isEqualTo(504);
        int asked = pageRequests.get();

        Timed refused = timedPage("third");
        assertThat(refused.response().statusCode()).isEqualTo(503);
        assertThat(refused.response().body()).contains("failed 2 times in a row", "no answer within 2 s");
        assertThat(refused.response().headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.took()).isLessThan(TIMEOUT);
        // A page older than the background window is answered from the cache, marked stale, without waiting.
        Timed stale = timedPage("cached");
        assertThat(stale.response().statusCode()).isEqualTo(200);
        assertThat(stale.response().headers().firstValue("X-Sluice-Stale").orElse("")).contains("not asked");
        assertThat(stale.took()).isLessThan(TIMEOUT);
        assertThat(pageRequests.get()).as("nothing went upstream while the circuit was open").isEqualTo(asked);

        HttpResponse<String> ready = proxy.get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"pypi\"", "open after 2 failures in a row");
        assertThat(proxy.get("/metrics").body()).contains("sluice_proxy_circuit_state{source=\"pypi\"} 1.0");
    }

    @Test
    void afterTheOpenPeriodOneProbeClosesTheCircuitAgain() throws Exception {
        hang = new CountDownLatch(1);
        assertThat(page("first").statusCode()).isEqualTo(504);
        assertThat(page("second").statusCode()).isEqualTo(504);
        assertThat(page("third").statusCode()).isEqualTo(503);
        hang.countDown();
        assertThat(page("fourth").statusCode()).as("still open").isEqualTo(503);

        clock.advance(Duration.ofSeconds(31));

        assertThat(page("fifth").statusCode()).isEqualTo(200);
        assertThat(page("sixth").statusCode()).isEqualTo(200);
        assertThat(proxy.get("/ready").body()).contains("\"pypi\"", "closed");
        assertThat(proxy.get("/metrics").body()).contains("sluice_proxy_circuit_state{source=\"pypi\"} 0.0",
                "sluice_proxy_circuit_openings_total{source=\"pypi\"} 1.0");
    }
}
