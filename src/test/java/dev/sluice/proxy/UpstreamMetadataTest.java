package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.index.FileNotFound;
import dev.sluice.index.Resource;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.ProjectName;
import dev.sluice.store.Database;
import dev.sluice.store.FileSystemBlobStore;
import dev.sluice.util.Digests;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A proxy's PEP 658 metadata without HTTP: the upstream's own file, checked against the hash its page gives, then kept. */
class UpstreamMetadataTest {
    private static final byte[] METADATA = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void theUpstreamsMetadataIsVerifiedKeptAndAnSdistWithoutItHasNone() throws Exception {
        AtomicInteger gets = new AtomicInteger();
        UpstreamHttp upstream = (uri, headers) -> {
            gets.incrementAndGet();
            byte[] body = uri.getPath().contains("liar") ? "Name: other\n".getBytes(StandardCharsets.UTF_8) : METADATA;
            return new UpstreamClient.Response(200, HttpHeaders.of(Map.of(), (n, v) -> true), new ByteArrayInputStream(body), uri);
        };
        try (Database database = Database.openSqlite(dir.resolve("sluice.db"))) {
            FileSystemBlobStore blobs = new FileSystemBlobStore(dir.resolve("blobs"));
            CachedBlobs cached = new CachedBlobs("pypi", new SqlProxyCatalog(database.jdbi()), blobs, () -> { }, CacheLimit.NONE);
            Upstream parts = new Upstream(UpstreamSettings.defaults("pypi", URI.create("http://upstream.example/simple/")), upstream,
                    new StallWatchdog(), new ProxyCounters());
            UpstreamMetadata metadata = new UpstreamMetadata(parts, blobs, cached, new UpstreamFiles(parts, blobs, cached, dev.sluice.index.ContentCheck.NONE, dev.sluice.store.Leases.ALONE));
            String sha = "sha256=" + Digests.of(METADATA).sha256();
            ProjectName demo = ProjectName.of("demo");

            UpstreamFile wheel = new UpstreamFile("demo-1.0-py3-none-any.whl", "http://upstream.example/files/demo-1.0-py3-none-any.whl",
                    "b".repeat(64), null, sha, false, null, 10, null);
            Resource first = metadata.metadata(demo, wheel);
            try (InputStream in = first.openStream(0, -1)) {
                assertThat(in.readAllBytes()).isEqualTo(METADATA);
            }
            metadata.metadata(demo, wheel);
            assertThat(gets).as("kept after the first fetch").hasValue(1);

            UpstreamFile liar = new UpstreamFile("liar-1.0-py3-none-any.whl", "http://upstream.example/files/liar-1.0-py3-none-any.whl",
                    "c".repeat(64), null, sha, false, null, 10, null);
            assertThatThrownBy(() -> metadata.metadata(ProjectName.of("liar"), liar)).isInstanceOf(SourceUnavailable.class)
                    .hasMessageContaining("its index gave");

            UpstreamFile sdist = new UpstreamFile("demo-1.0.tar.gz", "http://upstream.example/files/demo-1.0.tar.gz", "d".repeat(64),
                    null, "none", false, null, 10, null);
            assertThatThrownBy(() -> metadata.metadata(demo, sdist)).isInstanceOf(FileNotFound.class);
        }
    }
}
