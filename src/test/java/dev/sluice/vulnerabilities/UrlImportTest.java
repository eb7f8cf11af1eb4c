package dev.sluice.vulnerabilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.app.ServerSettings;
import dev.sluice.store.Database;
import dev.sluice.testing.Eventually;
import dev.sluice.testing.MovableClock;
import dev.sluice.testing.SluiceHarness;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Advisories from a URL: the zip is fetched, asked for again with its validators (a 304 changes nothing and costs no
 * import), and a failing or broken source leaves the data in force. With {@code [vulnerabilities] source}, a server
 * imports by itself at start.
 */
class UrlImportTest {
    @TempDir
    Path dir;
    HttpServer upstream;
    final AtomicReference<byte[]> served = new AtomicReference<>();
    final AtomicInteger status = new AtomicInteger(200);
    final List<String> conditional = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/PyPI/all.zip", exchange -> {
            String etag = "\"" + java.util.Arrays.hashCode(served.get()) + "\"";
            String asked = exchange.getRequestHeaders().getFirst("If-None-Match");
            conditional.add(String.valueOf(asked));
            if (status.get() != 200) {
                exchange.sendResponseHeaders(status.get(), -1);
            } else if (etag.equals(asked)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.sendResponseHeaders(200, served.get().length);
                exchange.getResponseBody().write(served.get());
            }
            exchange.close();
        });
        upstream.start();
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + upstream.getAddress().getPort() + "/PyPI/all.zip");
    }

    @Test
    void aConditionalGetMakesAnUnchangedSourceCheapAndAFailureChangesNothing() throws Exception {
        try (Database db = Database.openSqlite(dir.resolve("sluice.db"))) {
            Vulnerabilities v = new Vulnerabilities(db.jdbi(), VulnerabilitySettings.NONE, null, dir.resolve("tmp"), new MovableClock());
            served.set(dev.sluice.testing.OsvRecords.zip(VulnerabilitiesEndToEndTest.ADVISORY));
            ImportReport first = v.importUrl(url(), (d, t) -> {});
            assertThat(first.added).isEqualTo(1);
            ImportReport second = v.importUrl(url(), (d, t) -> {});
            assertThat(second.notModified).isTrue();
            assertThat(conditional).as("the second request named the first answer's ETag").last().asString().startsWith("\"");

            served.set(new byte[] {'P', 'K', 0});
            assertThatThrownBy(() -> v.importUrl(url(), (d, t) -> {})).isInstanceOf(ImportFailed.class)
                    .hasMessageContaining("nothing was imported");
            status.set(503);
            assertThatThrownBy(() -> v.importUrl(url(), (d, t) -> {})).isInstanceOf(ImportFailed.class)
                    .hasMessageContaining("answered 503");
            assertThat(v.index().named("PYSEC-2099-1")).as("the data in force stays").isNotNull();
            assertThat(v.temporary()).isEmptyDirectory();
            v.close();
        }
    }

    @Test
    void aServerWithASourceImportsAtStart() throws Exception {
        served.set(dev.sluice.testing.OsvRecords.zip(VulnerabilitiesEndToEndTest.ADVISORY));
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN)
                .withVulnerabilities(new VulnerabilitySettings(url(), Duration.ofHours(6))))) {
            assertThat(Eventually.holds(() -> sluice.get("/v1/vulns/PYSEC-2099-1").statusCode() == 200)).isTrue();
            assertThat(sluice.admin("GET", "/admin/vulnerabilities/status", null).body()).contains(url().toString());
            String metrics = sluice.get("/metrics").body();
            assertThat(metrics).contains("sluice_vulnerabilities_advisories 1.0").contains("sluice_vulnerabilities_data_age_seconds ");
        }
    }
}
