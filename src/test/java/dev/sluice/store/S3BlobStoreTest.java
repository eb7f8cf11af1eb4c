package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.PrivateS3;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The store on a real S3 protocol server (s3proxy), against the blob store contract. */
class S3BlobStoreTest extends BlobStoreContract {
    private static PrivateS3 s3;
    private static int buckets;

    @TempDir
    Path dir;
    private BlobLocation.S3 location;

    @BeforeAll
    static void startS3(@TempDir Path objects) throws Exception {
        s3 = PrivateS3.start(objects);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Override
    BlobStore store() throws Exception {
        location = s3.newBucket("blobs-" + ++buckets, "team/one");
        return new S3BlobStore(location, dir.resolve("staging"), PART_BYTES);
    }

    @Override
    int storedCount() throws Exception {
        try (S3Client client = s3.client()) {
            return client.listObjectsV2(b -> b.bucket(location.bucket())).contents().stream()
                    .peek(o -> assertThat(o.key()).as("named as on disk, under the prefix").matches("team/one/sha256/[0-9a-f]{2}/[0-9a-f]{64}"))
                    .toList().size();
        }
    }

    @Override
    int stagedCount() throws Exception {
        try (Stream<Path> staged = Files.list(dir.resolve("staging"))) {
            return (int) staged.count();
        }
    }

    @Test
    void anUnreachableStoreIsAStorageFaultAndNotReady() throws Exception {
        BlobLocation.S3 nowhere = new BlobLocation.S3("blobs", "", java.net.URI.create("http://127.0.0.1:9"), "us-east-1", true,
                PrivateS3.ACCESS_KEY, PrivateS3.SECRET_KEY, 0);
        try (S3BlobStore store = new S3BlobStore(nowhere, dir.resolve("staging"))) {
            StagedBlob staged = store.stage(new ByteArrayInputStream(new byte[] {1}), 10);
            assertThatThrownBy(() -> store.commit(staged)).isInstanceOf(StorageFault.class)
                    .hasMessageContaining("Service Unavailable").hasMessageContaining("s3://blobs")
                    .satisfies(e -> assertThat(((StorageFault) e).status()).isEqualTo(503));
            assertThat(stagedCount()).as("the staged copy is not left behind").isZero();
            assertThatThrownBy(() -> store.open("a".repeat(64))).isInstanceOf(StorageFault.class);
            assertThat(store.problem()).contains("cannot be reached").doesNotContain(PrivateS3.SECRET_KEY);
        }
    }

    @Test
    void theStoreRefusesBytesThatAreNotTheirName() throws Exception {
        BlobStore store = store();
        StagedBlob staged = store.stage(new ByteArrayInputStream(new byte[] {1, 2, 3}), 10);
        StagedBlob misnamed = new StagedBlob(staged.file(), staged.size(), dev.sluice.util.Digests.of(new byte[] {4}));
        assertThatThrownBy(() -> store.commit(misnamed)).isInstanceOf(StorageFault.class);
        assertThat(storedCount()).isZero();
    }

    @Test
    void wrongCredentialsAreNotReady() throws Exception {
        BlobLocation.S3 good = s3.newBucket("creds", "");
        BlobLocation.S3 wrong = new BlobLocation.S3(good.bucket(), "", good.endpoint(), good.region(), true,
                PrivateS3.ACCESS_KEY, "not-the-secret", 0);
        try (S3BlobStore store = new S3BlobStore(wrong, dir.resolve("staging"))) {
            assertThat(store.problem()).contains("cannot be reached").doesNotContain("not-the-secret");
        }
    }
}
