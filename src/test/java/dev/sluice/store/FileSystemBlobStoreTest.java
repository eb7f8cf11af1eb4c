package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.PackagingOracle;
import dev.sluice.util.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on a local (or shared) file system, against the blob store contract. */
class FileSystemBlobStoreTest extends BlobStoreContract {
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
    void leftoversOfACrashAreRemovedWhenTheStoreOpens() throws Exception {
        Files.createDirectories(dir.resolve("staging"));
        Path leftover = Files.writeString(dir.resolve("staging/half-written.part"), "partial");
        Files.setLastModifiedTime(leftover, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(StagingArea.LEFTOVER_AFTER).minusSeconds(60)));
        // Another node sharing the folder is writing this one now: it stays.
        Path inProgress = Files.writeString(dir.resolve("staging/being-written.part"), "partial");
        new FileSystemBlobStore(dir);
        assertThat(files(dir)).containsExactly(inProgress);
    }

    @Override
    BlobStore store() throws Exception {
        return new FileSystemBlobStore(dir);
    }

    @Override
    int storedCount() throws Exception {
        return files(dir.resolve("sha256")).size();
    }

    @Override
    int stagedCount() throws Exception {
        return files(dir.resolve("staging")).size();
    }
}
