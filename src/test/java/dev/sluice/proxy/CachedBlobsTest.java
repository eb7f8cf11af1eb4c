package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.index.Resource;
import dev.sluice.proxy.ProxyCatalog.CachedBlob;
import dev.sluice.store.Database;
import dev.sluice.store.FileSystemBlobStore;
import dev.sluice.store.StagedBlob;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A proxy's cached blobs by name, without HTTP: only the bytes a page lists answer for it; newer bytes replace older. */
class CachedBlobsTest {
    @TempDir
    Path dir;

    private static StagedBlob keep(FileSystemBlobStore blobs, String text) throws Exception {
        StagedBlob staged = blobs.stage(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1 << 20);
        blobs.commit(staged);
        return staged;
    }

    private static String read(Resource resource) throws Exception {
        try (InputStream in = resource.openStream(0, -1)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void answersOnlyForTheListedBytesAndTakesNewerBytesUnderTheSameName() throws Exception {
        try (Database database = Database.openSqlite(dir.resolve("sluice.db"))) {
            FileSystemBlobStore blobs = new FileSystemBlobStore(dir.resolve("blobs"));
            AtomicInteger kept = new AtomicInteger();
            CachedBlobs cached = new CachedBlobs("pypi", new SqlProxyCatalog(database.jdbi()), blobs, kept::incrementAndGet, CacheLimit.NONE);
            assertThat(cached.find("demo-1.0.tar.gz", null)).isEmpty();

            StagedBlob first = keep(blobs, "first bytes");
            cached.keep(new CachedBlob("demo-1.0.tar.gz", first.digests().sha256(), first.size()));
            assertThat(cached.find("demo-1.0.tar.gz", first.digests().sha256())).hasValueSatisfying(r -> assertThat(r.sha256())
                    .isEqualTo(first.digests().sha256()));
            assertThat(cached.find("demo-1.0.tar.gz", "0".repeat(64))).as("other bytes listed now").isEmpty();

            StagedBlob second = keep(blobs, "replaced bytes");
            cached.keep(new CachedBlob("demo-1.0.tar.gz", second.digests().sha256(), second.size()));
            assertThat(read(cached.find("demo-1.0.tar.gz", second.digests().sha256()).orElseThrow())).isEqualTo("replaced bytes");
            assertThat(cached.find("demo-1.0.tar.gz", first.digests().sha256())).isEmpty();
            assertThat(kept).as("each kept blob is announced, so built pages are rebuilt").hasValue(2);

            CachedBlobs fresh = new CachedBlobs("pypi", new SqlProxyCatalog(database.jdbi()), blobs, () -> { }, CacheLimit.NONE);
            assertThat(fresh.find("demo-1.0.tar.gz", second.digests().sha256())).as("from the catalog, by another node").isPresent();
        }
    }
}
