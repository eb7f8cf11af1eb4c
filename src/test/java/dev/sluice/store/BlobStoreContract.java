package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every blob store does, whatever keeps the bytes: each store's test runs these against the real thing. */
abstract class BlobStoreContract {
    /** A new, empty store (files larger than {@link #PART_BYTES} are stored in pieces where the store does that). */
    abstract BlobStore store() throws Exception;

    /** How many blobs the store keeps now, and how many staged files are left behind. */
    abstract int storedCount() throws Exception;

    abstract int stagedCount() throws Exception;

    static final long PART_BYTES = 5L << 20;

    @Test
    void aCommittedBlobIsReadBackWholeAndInRanges() throws Exception {
        BlobStore store = store();
        byte[] data = "hello wheel".getBytes(StandardCharsets.UTF_8);
        StagedBlob staged = store.stage(new ByteArrayInputStream(data), 1_000);
        assertThat(store.open(staged.digests().sha256())).as("invisible until committed").isEmpty();
        store.commit(staged);
        BlobStore.Blob blob = store.open(staged.digests().sha256()).orElseThrow();
        assertThat(blob.size()).isEqualTo(data.length);
        assertThat(read(blob, 0, -1)).isEqualTo(data);
        assertThat(read(blob, 6, 5)).isEqualTo("wheel".getBytes(StandardCharsets.UTF_8));
        assertThat(read(blob, 6, -1)).isEqualTo("wheel".getBytes(StandardCharsets.UTF_8));
        assertThat(read(blob, 0, 0)).isEmpty();
        assertThat(stagedCount()).isZero();
        assertThat(store.open("not-a-hash")).isEmpty();
        assertThat(store.open("../../etc/passwd")).isEmpty();
        assertThat(store.open("0".repeat(64))).as("a name nothing is stored under").isEmpty();
        assertThat(store.problem()).isNull();
    }

    @Test
    void aRemovedBlobIsGoneAndRemovingItAgainDoesNothing() throws Exception {
        BlobStore store = store();
        StagedBlob staged = store.stage(new ByteArrayInputStream("taken aside".getBytes(StandardCharsets.UTF_8)), 100);
        store.commit(staged);
        String sha256 = staged.digests().sha256();
        assertThat(store.open(sha256)).isPresent();
        store.remove(sha256);
        assertThat(store.open(sha256)).isEmpty();
        assertThat(store.names()).doesNotContain(sha256);
        store.remove(sha256);
        store.remove("../../not-a-blob-name");
    }

    @Test
    void committingBytesStoredAlreadyMarksThemAsStoredNow() throws Exception {
        BlobStore store = store();
        byte[] data = "stored twice".getBytes(StandardCharsets.UTF_8);
        StagedBlob first = store.stage(new ByteArrayInputStream(data), 100);
        store.commit(first);
        String sha256 = first.digests().sha256();
        java.time.Instant before = store.stored(sha256).orElseThrow();
        assertThat(store.listed()).contains(new BlobStore.Listed(sha256, before));
        Thread.sleep(1_100); // an object store's times are in whole seconds
        store.commit(store.stage(new ByteArrayInputStream(data), 100));
        assertThat(store.stored(sha256).orElseThrow()).isAfter(before);
        assertThat(store.stored("0".repeat(64))).isEmpty();
    }

    @Test
    void anEmptyBlobIsABlob() throws Exception {
        BlobStore store = store();
        StagedBlob staged = store.stage(InputStream.nullInputStream(), 10);
        store.commit(staged);
        BlobStore.Blob blob = store.open(staged.digests().sha256()).orElseThrow();
        assertThat(blob.size()).isZero();
        assertThat(read(blob, 0, -1)).isEmpty();
    }

    @Test
    void tooManyBytesLeaveNothingBehind() throws Exception {
        BlobStore store = store();
        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(new byte[2_000]), 1_000))
                .isInstanceOf(BlobTooLargeException.class).hasMessageContaining("1000");
        assertThat(stagedCount()).isZero();
        assertThat(storedCount()).isZero();
    }

    @Test
    void aDiscardedBlobIsNeverVisible() throws Exception {
        BlobStore store = store();
        StagedBlob staged = store.stage(new ByteArrayInputStream(new byte[] {1, 2, 3}), 10);
        store.discard(staged);
        assertThat(store.open(staged.digests().sha256())).isEmpty();
        assertThat(stagedCount()).isZero();
    }

    @Test
    void aLargeFileIsStoredAndReadInRangesAcrossItsPieces() throws Exception {
        BlobStore store = store();
        byte[] data = new byte[(int) (2 * PART_BYTES + 12_345)];
        new Random(5).nextBytes(data);
        StagedBlob staged = store.stage(new ByteArrayInputStream(data), data.length);
        store.commit(staged);
        BlobStore.Blob blob = store.open(staged.digests().sha256()).orElseThrow();
        assertThat(blob.size()).isEqualTo(data.length);
        assertThat(read(blob, 0, -1)).isEqualTo(data);
        int from = (int) PART_BYTES - 10;
        assertThat(read(blob, from, 20)).isEqualTo(java.util.Arrays.copyOfRange(data, from, from + 20));
        assertThat(storedCount()).isEqualTo(1);
    }

    @Test
    void theSameContentCommittedConcurrentlyIsStoredOnce() throws Exception {
        BlobStore store = store();
        byte[] data = new byte[300_000];
        new Random(2).nextBytes(data);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    StagedBlob s = store.stage(new ByteArrayInputStream(data), data.length);
                    store.commit(s);
                    return s.digests().sha256();
                }));
            }
            for (Future<String> r : results) {
                assertThat(read(store.open(r.get()).orElseThrow(), 0, data.length)).isEqualTo(data);
            }
        }
        assertThat(storedCount()).isEqualTo(1);
        assertThat(stagedCount()).isZero();
    }

    static byte[] read(BlobStore.Blob blob, long offset, long length) throws Exception {
        try (InputStream in = blob.openStream(offset, length)) {
            return in.readAllBytes();
        }
    }
}
