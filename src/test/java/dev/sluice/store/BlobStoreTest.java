package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.PackagingOracle;
import dev.sluice.util.Digests;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
    @TempDir
    Path dir;

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void digestsAgreeWithPythonsHashlib() throws Exception {
        Random random = new Random(11);
        List<byte[]> inputs = new ArrayList<>();
        for (int size : new int[] {0, 1, 3, 127, 128, 129, 255, 256, 257, 1000, 65_536, 100_003}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            inputs.add(data);
        }
        StringBuilder script = new StringBuilder("import hashlib,sys\n");
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Path p = dir.resolve("in" + i);
            Files.write(p, inputs.get(i));
            paths.add(p);
        }
        script.append("for p in sys.argv[1:]:\n    d=open(p,'rb').read()\n")
                .append("    print(hashlib.sha256(d).hexdigest(), hashlib.md5(d).hexdigest(), hashlib.blake2b(d, digest_size=32).hexdigest())\n");
        List<String> command = new ArrayList<>(List.of(PackagingOracle.PYTHON, "-c", script.toString()));
        paths.forEach(p -> command.add(p.toString()));
        Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(python.waitFor()).isZero();
        for (int i = 0; i < inputs.size(); i++) {
            Digests d = Digests.of(inputs.get(i));
            assertThat(d.sha256() + " " + d.md5() + " " + d.blake2b256()).as("%d bytes", inputs.get(i).length)
                    .isEqualTo(lines.get(i));
        }
    }

    @Test
    void aCommittedBlobIsReadBackWhole() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(dir);
        byte[] data = "hello wheel".getBytes(StandardCharsets.UTF_8);
        StagedBlob staged = store.stage(new ByteArrayInputStream(data), 1_000);
        assertThat(store.open(staged.digests().sha256())).as("invisible until committed").isEmpty();
        store.commit(staged);
        BlobStore.Blob blob = store.open(staged.digests().sha256()).orElseThrow();
        assertThat(blob.size()).isEqualTo(data.length);
        assertThat(blob.openStream(6, 5).readAllBytes()).isEqualTo("wheel".getBytes(StandardCharsets.UTF_8));
        assertThat(files(dir.resolve("staging"))).isEmpty();
        assertThat(store.open("not-a-hash")).isEmpty();
        assertThat(store.open("../../etc/passwd")).isEmpty();
    }

    @Test
    void tooManyBytesLeaveNothingBehind() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(dir);
        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(new byte[2_000]), 1_000))
                .isInstanceOf(BlobTooLargeException.class).hasMessageContaining("1000");
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void leftoversOfACrashAreRemovedWhenTheStoreOpens() throws Exception {
        Files.createDirectories(dir.resolve("staging"));
        Files.writeString(dir.resolve("staging/half-written.part"), "partial");
        new FileSystemBlobStore(dir);
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void theSameContentCommittedConcurrentlyIsStoredOnce() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(dir);
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
                assertThat(store.open(r.get()).orElseThrow().openStream(0, data.length).readAllBytes()).isEqualTo(data);
            }
        }
        assertThat(files(dir)).hasSize(1);
    }
}
