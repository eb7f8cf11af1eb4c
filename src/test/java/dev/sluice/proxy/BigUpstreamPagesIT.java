package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.testing.SluiceProcess;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack of issue 15, hole 7: six clients ask a proxy on a 256 MB heap at once for six different projects whose
 * upstream pages are 60 MB each (each under the 64 MiB page limit). Before, the pages were buffered side by side and
 * the server ran out of memory; now each answer is a clear 502 or 503, and the server goes on serving.
 */
@Timeout(300)
class BigUpstreamPagesIT {
    private static final int PAGE_BYTES = 60 << 20;
    private static final int CLIENTS = 6;

    @TempDir
    Path dir;

    @Test
    void sixConcurrentSixtyMegabytePagesOnA256MegabyteHeapAreRefusedNotFatal() throws Exception {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) ' ');
        byte[] head = "{\"meta\": {\"api-version\": \"1.1\"}, \"files\": [".getBytes(StandardCharsets.UTF_8);
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext("/simple/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.pypi.simple.v1+json");
            exchange.sendResponseHeaders(200, PAGE_BYTES);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(head);
                for (int written = head.length; written < PAGE_BYTES - 2; written += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, PAGE_BYTES - 2 - written));
                }
                out.write("]}".getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException clientWentAway) {
                // the proxy refused the page part-way: expected
            }
        });
        upstream.start();
        String index = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/simple/";
        try (SluiceProcess proxy = SluiceProcess.start(dir, Map.of("SLUICE_ADMIN_TOKEN", "sluice_big_pages_test_token"),
                List.of("-Xmx256m"), "--port", "0", "--data-dir", dir.resolve("data").toString(), "--upstream", index);
                HttpClient client = HttpClient.newHttpClient();
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                URI page = URI.create(proxy.base() + "/indexes/pypi/simple/big" + i + "/");
                answers.add(pool.submit(() -> client.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString())));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> r = answer.get();
                assertThat(r.statusCode()).as(r.body()).isIn(502, 503);
                assertThat(r.body()).containsAnyOf("larger than", "at once");
            }
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(proxy.base() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("still serving").isEqualTo(200);
        } finally {
            upstream.stop(0);
        }
    }
}
