package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallBlobCacheTest {
    @TempDir
    Path dir;

    private static String store(BlobStore blobs, byte[] content) throws IOException {
        StagedBlob staged = blobs.stage(new ByteArrayInputStream(content), Long.MAX_VALUE);
        blobs.commit(staged);
        return staged.digests().sha256();
    }

    private static byte[] read(BlobStore blobs, String sha256, long offset, long length) throws IOException {
        try (InputStream in = blobs.open(sha256).orElseThrow().openStream(offset, length)) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void bytesDamagedOnDiskAreRefusedNotCached() throws Exception {
        FileSystemBlobStore disk = new FileSystemBlobStore(dir);
        String sha = store(disk, random(1_000, 1));
        try (Stream<Path> files = Files.walk(dir)) {
            Path stored = files.filter(p -> p.getFileName().toString().equals(sha)).findFirst().orElseThrow();
            Files.write(stored, random(1_000, 2));
        }
        SmallBlobCache cache = new SmallBlobCache(disk, 4_096, 1 << 20);
        assertThatThrownBy(() -> cache.open(sha)).isInstanceOf(IOException.class).hasMessageContaining(sha);
        assertThatThrownBy(() -> cache.open(sha)).as("still checked: nothing was cached").isInstanceOf(IOException.class);
    }

    @Test
    void answersAsTheStoreDoesWholeAndInRanges() throws Exception {
        FileSystemBlobStore disk = new FileSystemBlobStore(dir);
        SmallBlobCache cache = new SmallBlobCache(disk, 4_096, 1 << 20);
        byte[] small = random(3_000, 3);
        byte[] large = random(10_000, 4);
        String smallSha = store(cache, small);
        String largeSha = store(cache, large);
        for (int round = 0; round < 2; round++) {
            assertThat(read(cache, smallSha, 0, -1)).isEqualTo(small);
            assertThat(read(cache, smallSha, 2_990, 100)).isEqualTo(java.util.Arrays.copyOfRange(small, 2_990, 3_000));
            assertThat(read(cache, smallSha, 5_000, 10)).isEmpty();
            assertThat(read(cache, largeSha, 100, 50)).isEqualTo(java.util.Arrays.copyOfRange(large, 100, 150));
        }
        assertThat(cache.open("0".repeat(64))).isEmpty();
    }

    @Test
    void keepsWithinItsCapacityDroppingTheLeastRecentlyRead() throws Exception {
        FileSystemBlobStore disk = new FileSystemBlobStore(dir);
        SmallBlobCache cache = new SmallBlobCache(disk, 4_096, 2_500);
        String a = store(disk, random(1_000, 5));
        String b = store(disk, random(1_000, 6));
        String c = store(disk, random(1_000, 7));
        cache.open(a);
        cache.open(b);
        cache.open(a); // b is now the least recently read
        cache.open(c);
        // Remove the files: what is still answered comes from memory.
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.delete(p);
            }
        }
        assertThat(cache.open(a)).isPresent();
        assertThat(cache.open(c)).isPresent();
        assertThat(cache.open(b)).as("dropped to stay within 2,500 bytes").isEmpty();
    }
}
