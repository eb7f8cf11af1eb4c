package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UpstreamPageParserTest {
    private static final URI PAGE = URI.create("https://mirror.example/simple/demo/");
    private static final String SHA = "a".repeat(64);
    private static final String META = "b".repeat(64);

    private static UpstreamProject html(String body) throws Exception {
        return UpstreamPageParser.parse("demo", body.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", PAGE);
    }

    @Test
    void readsEveryAttributeOfAnHtmlPage() throws Exception {
        UpstreamProject page = html("""
                <!DOCTYPE html><html><body>
                <a href="../../packages/demo-1.0-py3-none-any.whl#sha256=%1$s" data-requires-python="&gt;=3.8,&lt;4"
                   data-dist-info-metadata="sha256=%2$s" data-yanked="broken &amp; &quot;bad&quot;">demo-1.0-py3-none-any.whl</a>
                <a href="https://files.example/demo-1.1.tar.gz#sha256=%1$s" data-core-metadata="true">demo-1.1.tar.gz</a>
                <a href="demo-1.2+cpu-py3-none-any.whl#sha256=%1$s" data-yanked>demo-1.2+cpu-py3-none-any.whl</a>
                <a href="demo-0.9.tar.gz#md5=0123">no sha256: left out</a>
                <a href="demo-0.8.exe#sha256=%1$s">not a distribution: left out</a>
                </body></html>
                """.formatted(SHA, META));
        assertThat(page.files()).hasSize(3);
        UpstreamFile wheel = page.files().get(0);
        assertThat(wheel.url()).isEqualTo("https://mirror.example/packages/demo-1.0-py3-none-any.whl");
        assertThat(wheel.requiresPython()).isEqualTo(">=3.8,<4");
        assertThat(wheel.coreMetadataSha256()).isEqualTo(META);
        assertThat(wheel.yankReason()).isEqualTo("broken & \"bad\"");
        assertThat(page.files().get(1).url()).isEqualTo("https://files.example/demo-1.1.tar.gz");
        assertThat(page.files().get(1).coreMetadata()).isEqualTo("unhashed");
        assertThat(page.files().get(1).yanked()).isFalse();
        assertThat(page.files().get(2).filename()).isEqualTo("demo-1.2+cpu-py3-none-any.whl");
        assertThat(page.files().get(2).yankReason()).isEmpty();
    }

    @Test
    void readsEveryKeyOfAJsonPageAndIgnoresUnknownOnes() throws Exception {
        String json = """
                {"meta": {"api-version": "1.4", "_last-serial": 42}, "name": "demo", "unknown": [1, 2],
                 "files": [
                   {"filename": "demo-1.0-py3-none-any.whl", "url": "/packages/demo-1.0-py3-none-any.whl",
                    "hashes": {"sha256": "%1$s", "blake2b_256": "cc"}, "requires-python": ">=3.9",
                    "core-metadata": {"sha256": "%2$s"}, "yanked": "use 1.1", "size": 1234,
                    "upload-time": "2026-05-14T19:25:26.443120Z", "provenance": null, "future-key": true},
                   {"filename": "demo-1.1.tar.gz", "url": "demo-1.1.tar.gz", "hashes": {"sha256": "%1$s"},
                    "data-dist-info-metadata": true, "yanked": false},
                   {"filename": "demo-1.2.tar.gz", "url": "demo-1.2.tar.gz", "hashes": {}, "yanked": true}
                 ]}
                """.formatted(SHA, META);
        UpstreamProject page = UpstreamPageParser.parse("demo", json.getBytes(StandardCharsets.UTF_8),
                "application/vnd.pypi.simple.v1+json", PAGE);
        assertThat(page.upstreamSerial()).isEqualTo(42);
        assertThat(page.files()).hasSize(2);
        UpstreamFile first = page.files().get(0);
        assertThat(first.url()).isEqualTo("https://mirror.example/packages/demo-1.0-py3-none-any.whl");
        assertThat(first.yankReason()).isEqualTo("use 1.1");
        assertThat(first.size()).isEqualTo(1234);
        assertThat(first.uploadTime()).isEqualTo(Instant.parse("2026-05-14T19:25:26.443120Z"));
        assertThat(first.coreMetadataSha256()).isEqualTo(META);
        assertThat(page.files().get(1).url()).isEqualTo("https://mirror.example/simple/demo/demo-1.1.tar.gz");
        assertThat(page.files().get(1).coreMetadata()).isEqualTo("unhashed");
        assertThat(page.files().get(1).size()).isEqualTo(-1);
    }

    @Test
    void unreadablePagesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> UpstreamPageParser.parse("demo", "{}".getBytes(StandardCharsets.UTF_8),
                "application/vnd.pypi.simple.v1+json", PAGE)).hasMessageContaining("without a 'files' list");
        assertThatThrownBy(() -> html("just text, no markup")).hasMessageContaining("without any markup");
        assertThatThrownBy(() -> UpstreamPageParser.parse("demo", new byte[] {1}, null, PAGE))
                .hasMessageContaining("not a simple index page");
    }
}
