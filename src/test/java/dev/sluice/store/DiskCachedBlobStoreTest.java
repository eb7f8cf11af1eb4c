package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.PrivateS3;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** A node's disk copies of an S3 store's blobs (s3proxy): the contract, then what the copies are for. */
class DiskCachedBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path dir;
    private PrivateS3 s3;
    private BlobLocation.S3 bucket;

    @Override
    BlobStore store() throws Exception {
        return store(64L << 20);
    }

    private BlobStore store(long capacity) throws Exception {
        if (s3 == null) {
            s3 = PrivateS3.start(dir.resolve("objects"));
            bucket = s3.newBucket("cached", "p");
        }
        return new DiskCachedBlobStore(new S3BlobStore(bucket, dir.resolve("staging"), PART_BYTES), dir.resolve("copies"), capacity);
    }

    @AfterEach
    void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @Override
    int storedCount() throws Exception {
        try (var client = s3.client()) {
            return client.listObjectsV2(b -> b.bucket("cached")).contents().size();
        }
    }

    @Override
    int stagedCount() throws Exception {
        try (Stream<Path> staged = Files.list(dir.resolve("staging"))) {
            return (int) staged.count();
        }
    }

    private int copies() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("copies"))) {
            return (int) files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aFileIsFetchedOnceAndServedFromDiskEvenWithTheStoreDown() throws Exception {
        BlobStore store = store();
        byte[] data = new byte[200_000];
        new Random(1).nextBytes(data);
        String sha = dev.sluice.util.Digests.of(data).sha256();
        try (var client = s3.client()) { // put by another node: this one has no copy
            client.putObject(b -> b.bucket("cached").key("p/sha256/" + sha.substring(0, 2) + "/" + sha), RequestBody.fromBytes(data));
        }
        assertThat(copies()).isZero();
        assertThat(read(store.open(sha).orElseThrow(), 0, -1)).isEqualTo(data);
        assertThat(copies()).isEqualTo(1);
        s3.stop();
        assertThat(read(store.open(sha).orElseThrow(), 1000, 10)).isEqualTo(java.util.Arrays.copyOfRange(data, 1000, 1010));
        StagedBlob upload = store.stage(new ByteArrayInputStream(new byte[] {9}), 10);
        assertThatThrownBy(() -> store.commit(upload)).as("not stored: not kept either").isInstanceOf(StorageFault.class);
        assertThat(copies()).isEqualTo(1);
    }

    @Test
    void anUploadHereIsKeptFromItsStagedFile() throws Exception {
        BlobStore store = store();
        StagedBlob staged = store.stage(new ByteArrayInputStream(new byte[] {1, 2, 3}), 10);
        store.commit(staged);
        assertThat(copies()).isEqualTo(1);
        assertThat(stagedCount()).isZero();
    }

    @Test
    void theLeastRecentlyReadGoFirstAndLargeFilesAreNotKept() throws Exception {
        BlobStore store = store(400_000);
        String[] names = new String[4];
        for (int i = 0; i < 4; i++) {
            byte[] data = new byte[90_000];
            new Random(i).nextBytes(data);
            StagedBlob staged = store.stage(new ByteArrayInputStream(data), data.length);
            names[i] = staged.digests().sha256();
            store.commit(staged);
        }
        assertThat(copies()).isEqualTo(4);
        store.open(names[0]); // read: the most recent now
        byte[] fifth = new byte[90_000];
        new Random(9).nextBytes(fifth);
        store.commit(store.stage(new ByteArrayInputStream(fifth), fifth.length));
        assertThat(copies()).isEqualTo(4);
        assertThat(Files.exists(dir.resolve("copies").resolve(names[1].substring(0, 2)).resolve(names[1]))).as("the least recent").isFalse();
        assertThat(Files.exists(dir.resolve("copies").resolve(names[0].substring(0, 2)).resolve(names[0]))).isTrue();
        byte[] large = new byte[150_000];
        store.commit(store.stage(new ByteArrayInputStream(large), large.length));
        assertThat(copies()).as("over a quarter of the space: streamed from the store each time").isEqualTo(4);
    }

    @Test
    void anObjectDamagedInTheStoreIsNotServed() throws Exception {
        BlobStore store = store();
        String sha = dev.sluice.util.Digests.of(new byte[] {1}).sha256();
        try (var client = s3.client()) {
            client.putObject(b -> b.bucket("cached").key("p/sha256/" + sha.substring(0, 2) + "/" + sha), RequestBody.fromBytes(new byte[] {2}));
        }
        assertThatThrownBy(() -> store.open(sha)).hasMessageContaining("do not have that sha256");
        assertThat(copies()).isZero();
    }
}
