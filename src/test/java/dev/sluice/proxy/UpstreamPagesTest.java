package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.index.ProjectNotFound;
import dev.sluice.pep.ProjectName;
import dev.sluice.store.Database;
import dev.sluice.testing.MovableClock;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A proxy's upstream pages without HTTP: an upstream that answers from memory, and a clock the test moves. */
class UpstreamPagesTest {
    private static final String SHA = "a".repeat(64);
    private static final URI INDEX = URI.create("http://upstream.example/simple/");

    @TempDir
    Path dir;

    Database database;
    final MovableClock clock = new MovableClock();
    final List<String> asked = new ArrayList<>();
    final Map<String, UpstreamClient.Response> answers = new HashMap<>();
    UpstreamPages pages;

    @BeforeEach
    void open() {
        database = Database.openSqlite(dir.resolve("sluice.db"));
        UpstreamSettings settings = UpstreamSettings.defaults("pypi", INDEX).withPageTtl(Duration.ofMinutes(10))
                .withNotFoundTtl(Duration.ofMinutes(1))
                .withStaleWhileRevalidate(Duration.ZERO); // revalidated before serving: HungUpstreamTest covers the window
        UpstreamHttp upstream = (uri, headers) -> {
            asked.add(uri.getPath() + (headers.containsKey("If-None-Match") ? " if-none-match " + headers.get("If-None-Match") : ""));
            UpstreamClient.Response answer = answers.get(uri.getPath());
            if (answer == null) {
                throw new UpstreamException(503, "cannot connect to " + uri);
            }
            return answer;
        };
        pages = new UpstreamPages(new Upstream(settings, upstream, new StallWatchdog(), new ProxyCounters()),
                new SqlProxyCatalog(database.jdbi()), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static UpstreamClient.Response answer(int status, String body, String etag) {
        Map<String, List<String>> headers = new HashMap<>(Map.of("Content-Type", List.of("application/vnd.pypi.simple.v1+json")));
        if (etag != null) {
            headers.put("ETag", List.of(etag));
        }
        return new UpstreamClient.Response(status, HttpHeaders.of(headers, (name, value) -> true),
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), INDEX);
    }

    private static String page(String filename) {
        return "{\"meta\": {\"api-version\": \"1.1\"}, \"name\": \"demo\", \"files\": [{\"filename\": \"" + filename
                + "\", \"url\": \"https://files.example/" + filename + "\", \"hashes\": {\"sha256\": \"" + SHA + "\"}}]}";
    }

    @Test
    void aPageIsFetchedOnceServedWhileFreshThenRevalidatedWithItsETag() {
        answers.put("/simple/demo/", answer(200, page("demo-1.0.tar.gz"), "\"v1\""));
        ProjectName demo = ProjectName.of("demo");
        assertThat(pages.page(demo).project().files()).extracting(UpstreamFile::filename).containsExactly("demo-1.0.tar.gz");
        assertThat(pages.page(demo).staleReason()).isNull();
        assertThat(asked).containsExactly("/simple/demo/");

        clock.advance(Duration.ofMinutes(11));
        answers.put("/simple/demo/", answer(304, "", "\"v1\""));
        assertThat(pages.page(demo).project().files()).hasSize(1);
        assertThat(asked).containsExactly("/simple/demo/", "/simple/demo/ if-none-match \"v1\"");
        assertThat(pages.listedInCache(demo, "demo-1.0.tar.gz")).as("the cached page lists it, with its hash").isEqualTo(SHA);
    }

    @Test
    void aStaleCopyIsServedWhenTheUpstreamFailsAndA404IsRememberedBriefly() {
        answers.put("/simple/demo/", answer(200, page("demo-1.0.tar.gz"), null));
        ProjectName demo = ProjectName.of("demo");
        pages.page(demo);
        clock.advance(Duration.ofMinutes(11));
        answers.remove("/simple/demo/");
        UpstreamPages.Answer stale = pages.page(demo);
        assertThat(stale.staleReason()).contains("cannot connect");
        assertThat(stale.project().files()).hasSize(1);

        answers.put("/simple/gone/", answer(404, "", null));
        assertThatThrownBy(() -> pages.page(ProjectName.of("gone"))).isInstanceOf(ProjectNotFound.class);
        assertThatThrownBy(() -> pages.page(ProjectName.of("gone"))).isInstanceOf(ProjectNotFound.class);
        assertThat(asked.stream().filter(a -> a.equals("/simple/gone/"))).as("remembered").hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> pages.page(ProjectName.of("gone"))).isInstanceOf(ProjectNotFound.class);
        assertThat(asked.stream().filter(a -> a.equals("/simple/gone/"))).as("asked again once it expired").hasSize(2);
    }
}
