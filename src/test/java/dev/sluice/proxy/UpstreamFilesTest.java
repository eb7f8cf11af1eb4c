package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.index.Resource;
import dev.sluice.store.Database;
import dev.sluice.store.FileSystemBlobStore;
import dev.sluice.util.Digests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A proxy's upstream files without HTTP: one download, verified against the listing's sha256, then the cache. */
class UpstreamFilesTest {
    private static final dev.sluice.pep.ProjectName DEMO = dev.sluice.pep.ProjectName.of("demo");
    @TempDir
    Path dir;

    private static byte[] read(Resource resource) throws IOException {
        try (InputStream in = resource.openStream(0, -1)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aListedFileIsDownloadedOnceVerifiedAndThenServedFromTheCache() throws Exception {
        byte[] bytes = new byte[100_000];
        new Random(7).nextBytes(bytes);
        byte[] other = bytes.clone();
        other[0] ^= 1;
        AtomicInteger gets = new AtomicInteger();
        UpstreamHttp upstream = (uri, headers) -> {
            gets.incrementAndGet();
            byte[] body = uri.getPath().contains("bad") ? other : bytes;
            return new UpstreamClient.Response(200, HttpHeaders.of(Map.of("Content-Length", List.of(Long.toString(body.length))),
                    (n, v) -> true), new ByteArrayInputStream(body), uri);
        };
        try (Database database = Database.openSqlite(dir.resolve("sluice.db"))) {
            FileSystemBlobStore blobs = new FileSystemBlobStore(dir.resolve("blobs"));
            CachedBlobs cached = new CachedBlobs("pypi", new SqlProxyCatalog(database.jdbi()), blobs, () -> { }, CacheLimit.NONE);
            UpstreamSettings settings = UpstreamSettings.defaults("pypi", URI.create("http://upstream.example/simple/"));
            UpstreamFiles files = new UpstreamFiles(new Upstream(settings, upstream, new StallWatchdog(), new ProxyCounters()), blobs,
                    cached, dev.sluice.index.ContentCheck.NONE, dev.sluice.store.Leases.ALONE);
            String sha = Digests.of(bytes).sha256();
            UpstreamFile good = new UpstreamFile("demo-1.0.tar.gz", "http://upstream.example/files/demo-1.0.tar.gz", sha, null,
                    "none", false, null, bytes.length, null);
            assertThat(read(files.file(DEMO, good))).isEqualTo(bytes);
            assertThat(read(files.file(DEMO, good))).isEqualTo(bytes);
            assertThat(gets).as("one download, then the cache").hasValue(1);

            UpstreamFile bad = new UpstreamFile("demo-2.0.tar.gz", "http://upstream.example/files/bad/demo-2.0.tar.gz", sha, null,
                    "none", false, null, bytes.length, null);
            assertThatThrownBy(() -> read(files.file(DEMO, bad))).as("other bytes than listed").isInstanceOf(Exception.class);
            assertThat(cached.find("demo-2.0.tar.gz", null)).as("nothing cached").isEmpty();
        }
    }
}
