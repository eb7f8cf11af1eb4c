package dev.sluice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.Eventually;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.Nginx;
import dev.sluice.testing.PrivatePostgres;
import dev.sluice.testing.PrivateS3;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.SlowUpload;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.SluiceProcess;
import dev.sluice.testing.StaticMirror;
import dev.sluice.testing.Wheels;
import dev.sluice.util.Digests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Sluice processes on one PostgreSQL and one S3 store, nginx balancing between them, as the deployment page
 * describes: twine and pip through the balancer and through either node, one upstream download for twenty first
 * downloads spread over both, and the faults a cluster lives through (a node killed mid-upload and mid-download,
 * PostgreSQL restarted, the object store gone and back).
 */
@Timeout(600)
class TwoNodesIT {
    private static final Map<String, String> ENV = Map.of("SLUICE_ADMIN_TOKEN", SluiceHarness.TOKEN);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoNodesServeAsOne() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        Path packages = Files.createDirectories(mirror.resolve("packages"));
        Path proxied = Wheels.wheelWith(packages, "bigdep", "1.0", Map.of("bigdep/data.txt", randomText(1 << 20, 3)));
        Path second = Wheels.wheelWith(packages, "slowdep", "1.0", Map.of("slowdep/data.txt", randomText(1 << 20, 4)));
        Path trickled = Wheels.wheelWith(packages, "trickled", "1.0", Map.of("trickled/data.txt", randomText(1 << 20, 5)));
        StaticMirror.write(mirror, List.of(proxied, second, trickled));
        Path files = Files.createDirectories(dir.resolve("files"));
        Path internal = Wheels.wheel(files, "internal-tool", "1.0", "bigdep");

        try (PrivatePostgres pg = PrivatePostgres.start(); PrivateS3 s3 = PrivateS3.start(dir.resolve("s3"));
                // 400 KB/s: a 1 MiB download takes long enough to kill a node in the middle of it
                Nginx upstream = Nginx.serve(mirror, dir.resolve("nginx-upstream"), 400_000)) {
            s3.newBucket("sluice", "prod");
            Path config = writeConfig(pg.url(), s3, upstream.url("/simple/"));
            SluiceProcess a = node("a", config);
            SluiceProcess b = node("b", config);
            try (Nginx balancer = Nginx.balance(List.of(a.base(), b.base()), dir.resolve("nginx-balancer"))) {
                PythonTools tools = new PythonTools(dir.resolve("home"));
                String python = PythonTools.pyenvPython();

                // twine through the balancer; the project is served by both nodes within a second
                tools.run(dir, Map.of("TWINE_REPOSITORY_URL", balancer.url("/legacy/"), "TWINE_USERNAME", "__token__",
                        "TWINE_PASSWORD", SluiceHarness.TOKEN), "twine", "upload", "--non-interactive", "--disable-progress-bar",
                        internal.toString()).requireSuccess("twine upload through the balancer");
                for (SluiceProcess node : List.of(a, b)) {
                    assertThat(statusWithin(Duration.ofSeconds(1), node.base() + "/simple/internal-tool/", 200)).isEqualTo(200);
                }

                // an upload straight to node A is installed through node B (its dependency proxied from upstream)
                Path next = Wheels.wheel(files, "internal-tool", "1.1", "bigdep");
                assertThat(upload(a.base(), Multipart.twineLike(next, "internal-tool", "1.1")).statusCode()).isEqualTo(200);
                long uploaded = System.nanoTime();
                assertThat(Eventually.poll(Duration.ofSeconds(1), () -> get(b.base() + "/simple/internal-tool/").body(),
                        body -> body.contains("internal_tool-1.1"))).as("node B serves node A's upload within a second")
                        .contains("internal_tool-1.1");
                System.out.printf("node B served node A's upload after %d ms%n", (System.nanoTime() - uploaded) / 1_000_000);
                PythonTools.Result pip = tools.run(dir, python, "-m", "pip", "install", "--no-cache-dir", "--disable-pip-version-check",
                        "--target", dir.resolve("target-b").toString(), "--index-url", b.base() + "/simple/", "internal-tool==1.1");
                pip.requireSuccess("pip install through node B");
                assertThat(dir.resolve("target-b/bigdep/data.txt")).exists();
                tools.run(dir, python, "-m", "pip", "install", "--no-cache-dir", "--disable-pip-version-check", "--target",
                        dir.resolve("target-lb").toString(), "--index-url", balancer.url("/simple/"), "internal-tool")
                        .requireSuccess("pip install through the balancer");

                // twenty first downloads of one proxied file, ten on each node at once: one upstream GET
                String wheelPath = "/simple/slowdep/slowdep-1.0-py3-none-any.whl";
                for (SluiceProcess node : List.of(a, b)) {
                    assertThat(get(node.base() + "/simple/slowdep/").statusCode()).isEqualTo(200);
                }
                List<CompletableFuture<HttpResponse<byte[]>>> downloads = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String base = i % 2 == 0 ? a.base() : b.base();
                    downloads.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + wheelPath)).build(),
                            HttpResponse.BodyHandlers.ofByteArray()));
                }
                String expected = Digests.of(Files.readAllBytes(second)).sha256();
                for (CompletableFuture<HttpResponse<byte[]>> d : downloads) {
                    HttpResponse<byte[]> response = d.get();
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(Digests.of(response.body()).sha256()).isEqualTo(expected);
                }
                assertThat(upstream.accessLog()).filteredOn(line -> line.startsWith("GET /packages/slowdep-1.0-py3-none-any.whl"))
                        .as("one upstream download for twenty first downloads on two nodes").hasSize(1);

                // node A killed in the middle of an upload: nothing of it is visible, node B serves on, the balancer too
                byte[] large = new byte[8 << 20];
                new Random(7).nextBytes(large);
                Multipart interrupted = Multipart.twineLike(Wheels.wheel(files, "interrupted", "1.0"), "interrupted", "1.0")
                        .file("interrupted-1.0-py3-none-any.whl", large);
                try (SlowUpload slow = new SlowUpload(a.port(), interrupted, SluiceHarness.TOKEN)) {
                    slow.send(0.7);
                    Thread.sleep(300);
                    a.kill();
                }
                assertThat(get(b.base() + "/simple/interrupted/").statusCode()).isEqualTo(404);
                assertThat(get(b.base() + "/simple/internal-tool/").body()).contains("internal_tool-1.1");
                for (int i = 0; i < 4; i++) {
                    assertThat(get(balancer.url("/simple/internal-tool/")).statusCode()).as("the balancer skips the dead node")
                            .isEqualTo(200);
                }
                a = node("a", config);

                // node A killed in the middle of a proxied download: node B takes over once A's lease runs out
                String trickledPath = "/simple/trickled/trickled-1.0-py3-none-any.whl";
                assertThat(get(a.base() + "/simple/trickled/").statusCode()).isEqualTo(200);
                CompletableFuture<HttpResponse<byte[]>> cut = http.sendAsync(HttpRequest.newBuilder(URI.create(a.base() + trickledPath))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                Thread.sleep(800);
                a.kill();
                assertThat(cut).failsWithin(Duration.ofSeconds(10));
                long killed = System.nanoTime();
                HttpResponse<byte[]> takenOver = http.send(HttpRequest.newBuilder(URI.create(b.base() + trickledPath)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(takenOver.statusCode()).isEqualTo(200);
                assertThat(Digests.of(takenOver.body()).sha256()).isEqualTo(Digests.of(Files.readAllBytes(trickled)).sha256());
                System.out.printf("node B served the file node A died downloading after %d ms%n", (System.nanoTime() - killed) / 1_000_000);
                a = node("a", config);

                // PostgreSQL restarted while serving: not ready, then ready again without a restart of either node
                pg.stopServer();
                for (SluiceProcess node : List.of(a, b)) {
                    HttpResponse<String> ready = get(node.base() + "/ready");
                    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
                    assertThat(ready.body()).contains("catalog");
                }
                Path duringOutage = Wheels.wheel(files, "internal-tool", "1.15");
                long asked = System.nanoTime();
                HttpResponse<String> noCatalog = upload(b.base(), Multipart.twineLike(duringOutage, "internal-tool", "1.15"));
                assertThat(noCatalog.statusCode()).as(noCatalog.body()).isEqualTo(503);
                assertThat(noCatalog.headers().firstValue("Retry-After")).isPresent();
                assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("refused within the pool's wait").isLessThan(Duration.ofSeconds(15));
                pg.startAgain();
                for (SluiceProcess node : List.of(a, b)) {
                    assertThat(statusWithin(Duration.ofSeconds(15), node.base() + "/ready", 200)).isEqualTo(200);
                }
                Path later = Wheels.wheel(files, "internal-tool", "1.2");
                assertThat(upload(b.base(), Multipart.twineLike(later, "internal-tool", "1.2")).statusCode()).isEqualTo(200);

                // the object store unreachable: uploads refused with 503, pages still served; back by itself
                int s3Port = s3.port();
                s3.stop();
                Path refused = Wheels.wheel(files, "internal-tool", "1.3");
                HttpResponse<String> noStore = upload(a.base(), Multipart.twineLike(refused, "internal-tool", "1.3"));
                assertThat(noStore.statusCode()).as(noStore.body()).isEqualTo(503);
                assertThat(noStore.headers().firstValue("Retry-After")).isPresent();
                assertThat(get(a.base() + "/ready").statusCode()).isEqualTo(503);
                assertThat(get(b.base() + "/simple/internal-tool/").body()).contains("internal_tool-1.2").doesNotContain("1.3")
                        .as("nothing of the upload refused while the catalog was away").doesNotContain("1.15");
                try (PrivateS3 back = PrivateS3.start(dir.resolve("s3"), s3Port)) {
                    assertThat(back.port()).isEqualTo(s3Port);
                    assertThat(statusWithin(Duration.ofSeconds(10), a.base() + "/ready", 200)).isEqualTo(200);
                    assertThat(upload(a.base(), Multipart.twineLike(refused, "internal-tool", "1.3")).statusCode()).isEqualTo(200);
                    String url = b.base() + "/simple/internal-tool/internal_tool-1.3-py3-none-any.whl";
                    assertThat(statusWithin(Duration.ofSeconds(1), url, 200)).as("node B serves it within a second").isEqualTo(200);
                    HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(file.statusCode()).isEqualTo(200);
                    assertThat(Digests.of(file.body()).sha256()).isEqualTo(Digests.of(Files.readAllBytes(refused)).sha256());
                }
            } finally {
                a.close();
                b.close();
            }
        }
    }

    private SluiceProcess node(String name, Path config) throws Exception {
        return SluiceProcess.start(dir, ENV, "--config", config.toString(), "--port", "0", "--data-dir",
                dir.resolve("node-" + name).toString());
    }

    private Path writeConfig(String database, PrivateS3 s3, String upstream) throws Exception {
        return Files.writeString(dir.resolve("sluice.toml"), s3.serverToml(database, "sluice", "prod") + """
                [sources.local]
                type = "hosted"

                [sources.pypi]
                type = "proxy"
                url = "%s"

                [gates.main]
                type = "first-owner"
                sources = ["local", "pypi"]

                [routes.main]
                path = "/simple/"
                serve = "main"
                """.formatted(upstream));
    }

    /** The status the URL answers once it answers {@code wanted}, or the last one seen when the time is up. */
    private int statusWithin(Duration atMost, String url, int wanted) throws Exception {
        return Eventually.poll(atMost, () -> {
            try {
                return get(url).statusCode();
            } catch (java.io.IOException e) {
                return -1;
            }
        }, status -> status == wanted);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(String base, Multipart form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/legacy/")).header("Content-Type", form.contentType())
                .header("Authorization", "Bearer " + SluiceHarness.TOKEN).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String randomText(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }
}
