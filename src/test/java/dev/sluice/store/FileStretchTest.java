package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.index.SourceReads;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.util.BufferReadable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStretchTest {
    @TempDir
    Path dir;

    @Test
    void aStretchReadIntoDirectBuffersIsTheSameBytesAsReadIntoArrays() throws IOException {
        byte[] content = new byte[300_001];
        new java.util.Random(3).nextBytes(content);
        Path file = Files.write(dir.resolve("blob"), content);
        for (long[] range : new long[][] {{0, -1}, {0, content.length}, {1_000, 70_000}, {299_999, 2}, {300_001, -1}}) {
            int from = (int) range[0];
            int to = range[1] < 0 ? content.length : from + (int) range[1];
            byte[] expected = Arrays.copyOfRange(content, from, to);
            try (InputStream in = FileRanges.open(file, range[0], range[1])) {
                assertThat(in.readAllBytes()).isEqualTo(expected);
            }
            try (InputStream in = FileRanges.open(file, range[0], range[1])) {
                assertThat(in).isInstanceOf(BufferReadable.class);
                assertThat(drain((BufferReadable) in, 4_096)).isEqualTo(expected);
            }
        }
    }

    @Test
    void aGuardedStretchStaysReadableIntoBuffersAndItsFailuresAreTheSources() throws IOException {
        Path file = Files.write(dir.resolve("blob"), new byte[10]);
        InputStream in = SourceReads.guard(FileRanges.open(file, 0, -1), e -> new SourceUnavailable("cannot read: " + e.getMessage(), e));
        assertThat(drain((BufferReadable) in, 3)).hasSize(10);
        in.close();
        assertThatThrownBy(() -> ((BufferReadable) in).read(ByteBuffer.allocateDirect(4)))
                .isInstanceOf(SourceUnavailable.class).hasMessageStartingWith("cannot read");
        assertThat(SourceReads.guard(InputStream.nullInputStream(), e -> null)).isNotInstanceOf(BufferReadable.class);
    }

    private static byte[] drain(BufferReadable in, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocateDirect(bufferSize);
        for (;;) {
            buffer.clear();
            if (in.read(buffer) < 0) {
                return out.toByteArray();
            }
            buffer.flip();
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            out.write(chunk);
        }
    }
}
