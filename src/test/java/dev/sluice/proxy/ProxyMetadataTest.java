package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.util.Digests;
import dev.sluice.testing.Archives;
import dev.sluice.testing.Archives.Content;
import dev.sluice.testing.Archives.ZipWriter;
import dev.sluice.testing.Nginx;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.app.ServerSettings;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEP 658 for upstream wheels that come without it: read out of the wheel with range requests. */
class ProxyMetadataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/vnd.pypi.simple.v1+json";
    private static final String METADATA = Archives.metadata("bigwheel", "1.0") + "Requires-Dist: requests>=2\n";

    @TempDir
    static Path dir;

    static Path wheel;
    static String wheelSha;

    @BeforeAll
    static void buildABigWheel() throws Exception {
        Path root = Files.createDirectories(dir.resolve("mirror/packages"));
        wheel = root.resolve("bigwheel-1.0-py3-none-any.whl");
        byte[] payload = new byte[2 << 20];
        new Random(8).nextBytes(payload);
        try (ZipWriter zip = new ZipWriter(wheel)) {
            zip.add("bigwheel/__init__.py", Content.of(""));
            zip.add("bigwheel/data.bin", Content.of(payload));
            zip.add("bigwheel-1.0.dist-info/METADATA", Content.of(METADATA));
            zip.add("bigwheel-1.0.dist-info/WHEEL", Content.of("Wheel-Version: 1.0\n"));
        }
        wheelSha = Digests.of(Files.readAllBytes(wheel)).sha256();
        Path page = Files.createDirectories(dir.resolve("mirror/simple/bigwheel"));
        Files.writeString(page.resolve("index.html"), "<html><body><a href=\"../../packages/bigwheel-1.0-py3-none-any.whl#sha256="
                + wheelSha + "\">bigwheel-1.0-py3-none-any.whl</a></body></html>");
        smallWheel = root.resolve("smallwheel-1.0-py3-none-any.whl");
        byte[] some = new byte[6_000];
        new Random(9).nextBytes(some);
        try (ZipWriter zip = new ZipWriter(smallWheel)) {
            zip.add("smallwheel/data.bin", Content.of(some));
            zip.add("smallwheel-1.0.dist-info/METADATA", Content.of(Archives.metadata("smallwheel", "1.0")));
            zip.add("smallwheel-1.0.dist-info/WHEEL", Content.of("Wheel-Version: 1.0\n"));
        }
        Path smallPage = Files.createDirectories(dir.resolve("mirror/simple/smallwheel"));
        Files.writeString(smallPage.resolve("index.html"), "<html><body><a href=\"../../packages/smallwheel-1.0-py3-none-any.whl"
                + "#sha256=" + Digests.of(Files.readAllBytes(smallWheel)).sha256() + "\">smallwheel-1.0-py3-none-any.whl</a>"
                + "</body></html>");
    }

    static Path smallWheel;

    @Test
    void aSmallWheelThatTheFirstRangeBringsWholeIsFetchedOnceForItsMetadataAndItsDownload() throws Exception {
        try (Nginx nginx = Nginx.serve(dir.resolve("mirror"), dir.resolve("nginx-small"));
                SluiceHarness proxy = proxy(nginx.url("/simple/"), "small")) {
            String file = "/indexes/pypi/simple/smallwheel/smallwheel-1.0-py3-none-any.whl";
            assertThat(proxy.get(file + ".metadata").body()).isEqualTo(Archives.metadata("smallwheel", "1.0"));
            assertThat(proxy.getBytes(file).body()).isEqualTo(Files.readAllBytes(smallWheel));

            assertThat(nginx.accessLog().stream().filter(l -> l.contains("GET /packages/smallwheel-1.0-py3-none-any.whl")))
                    .as("one request: the first range held the whole wheel, kept as the file").hasSize(1);
        }
    }

    private static SluiceHarness proxy(String index, String data) throws Exception {
        return SluiceHarness.start(ServerSettings.defaults(dir.resolve(data)).withAdminToken(SluiceHarness.TOKEN)
                .withUpstream(UpstreamSettings.defaults("pypi", URI.create(index))));
    }

    private static JsonNode wheelEntry(SluiceHarness proxy) throws Exception {
        return JSON.readTree(proxy.get("/indexes/pypi/simple/bigwheel/", "Accept", JSON_TYPE).body()).get("files").get(0);
    }

    @Test
    void metadataIsReadWithRangesFetchingUnderATenthOfTheWheel() throws Exception {
        try (Nginx nginx = Nginx.serve(dir.resolve("mirror"), dir.resolve("nginx"));
                SluiceHarness proxy = proxy(nginx.url("/simple/"), "ranged")) {
            assertThat(wheelEntry(proxy).get("core-metadata").asBoolean()).as("offered before it is known").isTrue();
            byte[] metadata = proxy.getBytes("/indexes/pypi/simple/bigwheel/bigwheel-1.0-py3-none-any.whl.metadata").body();
            assertThat(new String(metadata, StandardCharsets.UTF_8)).isEqualTo(METADATA);
            assertThat(wheelEntry(proxy).get("core-metadata").get("sha256").asText()).isEqualTo(Digests.of(metadata).sha256());

            long wheelBytes = 0;
            Pattern line = Pattern.compile("GET /packages/bigwheel-1.0-py3-none-any.whl HTTP/1.1 (\\d+) (\\d+) .*");
            for (String entry : nginx.accessLog()) {
                Matcher m = line.matcher(entry);
                if (m.matches()) {
                    assertThat(m.group(1)).as("only range requests: %s", entry).isEqualTo("206");
                    wheelBytes += Long.parseLong(m.group(2));
                }
            }
            long size = Files.size(wheel);
            System.out.printf("ProxyMetadataTest: %,d of the wheel's %,d bytes fetched for its metadata (%.2f%%)%n",
                    wheelBytes, size, 100.0 * wheelBytes / size);
            assertThat(wheelBytes).isPositive().isLessThan(size / 10);
        }
    }

    @Test
    void anUpstreamThatIgnoresRangesGivesTheWholeWheelOnce() throws Exception {
        byte[] bytes = Files.readAllBytes(wheel);
        AtomicInteger wheelGets = new AtomicInteger();
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/simple/bigwheel/", exchange -> {
            byte[] page = Files.readAllBytes(dir.resolve("mirror/simple/bigwheel/index.html"));
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        upstream.createContext("/packages/", exchange -> {
            wheelGets.incrementAndGet();
            exchange.sendResponseHeaders(200, bytes.length); // Range ignored, as some servers do
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        upstream.start();
        try (SluiceHarness proxy = proxy("http://127.0.0.1:" + upstream.getAddress().getPort() + "/simple/", "unranged")) {
            byte[] metadata = proxy.getBytes("/indexes/pypi/simple/bigwheel/bigwheel-1.0-py3-none-any.whl.metadata").body();
            assertThat(new String(metadata, StandardCharsets.UTF_8)).isEqualTo(METADATA);
            assertThat(proxy.getBytes("/indexes/pypi/simple/bigwheel/bigwheel-1.0-py3-none-any.whl").body()).isEqualTo(bytes);
            assertThat(wheelGets.get()).as("the range probe, then one whole download, kept for later").isEqualTo(2);
            assertThat(List.of(wheelEntry(proxy).get("core-metadata").get("sha256").asText())).containsExactly(Digests.of(metadata).sha256());
        } finally {
            upstream.stop(0);
        }
    }
}
