package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRangesTest {
    @TempDir
    Path dir;

    private Path file(int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve("f" + size), bytes);
    }

    @Test
    void aStretchPastTheEndIsEmptyAndOneOverlappingItEndsWithTheFile() throws Exception {
        Path file = file(1_000);
        try (InputStream past = FileRanges.open(file, 5_000, 10)) {
            assertThat(past.readAllBytes()).isEmpty();
        }
        try (InputStream over = FileRanges.open(file, 990, 100)) {
            assertThat(over.readAllBytes()).isEqualTo(Arrays.copyOfRange(Files.readAllBytes(file), 990, 1_000));
        }
    }

    @Test
    void aFileCutShortWhileOpenEndsTheStretchEarlyInsteadOfHanging() throws Exception {
        Path file = file(100_000);
        try (InputStream stretch = FileRanges.open(file, 0, -1)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(10);
            }
            assertThat(stretch.readAllBytes()).hasSize(10);
        }
    }

    @Test
    void readsExactlyTheStretchAsked() throws Exception {
        Path file = file(300_000);
        byte[] all = Files.readAllBytes(file);
        for (long[] stretch : new long[][] {{0, -1}, {0, 300_000}, {12_345, 200_000}, {299_999, 5}, {7, 0}}) {
            int from = (int) stretch[0];
            int to = stretch[1] < 0 ? all.length : (int) Math.min(all.length, from + stretch[1]);
            try (InputStream stream = FileRanges.open(file, stretch[0], stretch[1])) {
                assertThat(stream.readAllBytes()).as("%d+%d", stretch[0], stretch[1]).isEqualTo(Arrays.copyOfRange(all, from, to));
            }
        }
    }
}
