package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.util.Digests;
import dev.sluice.testing.SluiceProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty clients ask a proxy running with a 128 MB heap for the same uncached 50 MB file at once: the upstream
 * sees exactly one GET, every client gets the same verified bytes, and the server neither buffers the file
 * nor falls over.
 */
@Timeout(300)
class ProxySingleFlightIT {
    private static final int SIZE = 50 << 20;
    private static final int CLIENTS = 50;

    @TempDir
    Path dir;

    @Test
    void fiftyClientsOneUpstreamGetIdenticalBytes() throws Exception {
        byte[] file = new byte[SIZE];
        new Random(50).nextBytes(file);
        String sha256 = Digests.of(file).sha256();
        AtomicInteger fileGets = new AtomicInteger();
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext("/simple/big/", exchange -> {
            byte[] page = ("<html><body><a href=\"/files/big-1.0.tar.gz#sha256=" + sha256 + "\">big-1.0.tar.gz</a></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        upstream.createContext("/files/", exchange -> {
            fileGets.incrementAndGet();
            exchange.sendResponseHeaders(200, file.length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int offset = 0; offset < file.length; offset += 1 << 20) {
                    out.write(file, offset, Math.min(1 << 20, file.length - offset));
                    Thread.sleep(20); // a realistic upstream, not instant: clients overlap
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        upstream.start();
        String index = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/simple/";
        try (SluiceProcess proxy = SluiceProcess.start(dir, Map.of("SLUICE_ADMIN_TOKEN", "sluice_single_flight_test_token"),
                List.of("-Xmx128m"), "--port", "0", "--data-dir", dir.resolve("data").toString(), "--upstream", index);
                HttpClient client = HttpClient.newHttpClient();
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            URI url = URI.create(proxy.base() + "/indexes/pypi/simple/big/big-1.0.tar.gz");
            assertThat(client.send(HttpRequest.newBuilder(URI.create(proxy.base() + "/indexes/pypi/simple/big/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            List<Future<String>> downloads = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                downloads.add(pool.submit(() -> {
                    HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofInputStream());
                    assertThat(r.statusCode()).isEqualTo(200);
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    long total = 0;
                    try (InputStream in = r.body()) {
                        byte[] buffer = new byte[64 * 1024];
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            digest.update(buffer, 0, n);
                            total += n;
                        }
                    }
                    assertThat(total).isEqualTo(SIZE);
                    return HexFormat.of().formatHex(digest.digest());
                }));
            }
            for (Future<String> d : downloads) {
                assertThat(d.get()).isEqualTo(sha256);
            }
            assertThat(fileGets.get()).as("upstream GETs of the file").isEqualTo(1);
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(proxy.base() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("still alive with -Xmx128m").isEqualTo(200);
        } finally {
            upstream.stop(0);
        }
    }
}
