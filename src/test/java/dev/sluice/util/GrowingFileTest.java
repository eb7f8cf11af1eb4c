package dev.sluice.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.InBackground;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class GrowingFileTest {
    @TempDir
    Path dir;

    @Test
    void aReaderGetsWhatIsWrittenWaitsForMoreAndEndsWhenTheWriterFinishes() throws Exception {
        Path path = Files.createFile(dir.resolve("growing"));
        GrowingFile growing = new GrowingFile(path, 0, "the test's writing");
        try (OutputStream out = Files.newOutputStream(path); InputStream reader = growing.follow(0, -1)) {
            out.write("abc".getBytes());
            growing.wrote(3);
            assertThat(reader.readNBytes(3)).isEqualTo("abc".getBytes());

            CompletableFuture<byte[]> rest = InBackground.start(reader::readAllBytes);
            Thread.sleep(100);
            assertThat(rest).as("the reader waits for the writer").isNotDone();
            out.write("de".getBytes());
            growing.wrote(2);
            growing.finish(() -> { });
            assertThat(rest.get(10, TimeUnit.SECONDS)).isEqualTo("de".getBytes());
        }
        assertThat(growing.follow(0, -1)).as("once finished, the file is read where the writer put it").isNull();
        assertThat(growing.isRunning()).isFalse();
    }

    @Test
    void theLastBytesHeldBackReachReadersOnlyWhenTheWriterFinishes() throws Exception {
        GrowingFile growing = written("download", 1, "the download", "whole");
        try (InputStream reader = growing.follow(0, -1)) {
            assertThat(reader.readNBytes(4)).isEqualTo("whol".getBytes());
            CompletableFuture<Integer> last = InBackground.start(reader::read);
            Thread.sleep(100);
            assertThat(last).as("the last byte waits").isNotDone();
            growing.finish(() -> { });
            assertThat(last.get(10, TimeUnit.SECONDS)).isEqualTo((int) 'e');
        }
    }

    @Test
    void whenTheWriterFailsEveryReaderFailsAndNoNewOneMayFollow() throws Exception {
        GrowingFile growing = written("failing", 0, "the upstream download", "half");
        try (InputStream reader = growing.follow(0, -1)) {
            assertThat(reader.readNBytes(4)).isEqualTo("half".getBytes());
            growing.fail(new IOException("connection reset"));
            assertThatThrownBy(reader::read).isInstanceOf(IOException.class)
                    .hasMessage("the upstream download failed: connection reset");
        }
        assertThat(growing.failed()).isTrue();
        assertThatThrownBy(() -> growing.follow(0, -1)).hasMessage("the upstream download failed: connection reset");
    }

    @Test
    void aReaderOfARangeEndsAtItsEndWithoutWaitingForTheRest() throws Exception {
        GrowingFile growing = written("ranged", 0, "the test's writing", "0123456789");
        try (InputStream reader = growing.follow(2, 3)) {
            assertThat(reader.readAllBytes()).isEqualTo("234".getBytes());
        }
    }

    /** A file whose writer has written {@code content} so far. */
    private GrowingFile written(String name, long heldBack, String what, String content) throws IOException {
        Path path = Files.createFile(dir.resolve(name));
        GrowingFile growing = new GrowingFile(path, heldBack, what);
        Files.write(path, content.getBytes());
        growing.wrote(content.length());
        return growing;
    }
}
