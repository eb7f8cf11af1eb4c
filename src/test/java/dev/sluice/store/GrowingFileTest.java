package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

            CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
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
        Path path = Files.createFile(dir.resolve("download"));
        GrowingFile growing = new GrowingFile(path, 1, "the download");
        Files.write(path, "whole".getBytes());
        growing.wrote(5);
        try (InputStream reader = growing.follow(0, -1)) {
            assertThat(reader.readNBytes(4)).isEqualTo("whol".getBytes());
            CompletableFuture<Integer> last = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.read();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(100);
            assertThat(last).as("the last byte waits").isNotDone();
            growing.finish(() -> { });
            assertThat(last.get(10, TimeUnit.SECONDS)).isEqualTo((int) 'e');
        }
    }

    @Test
    void whenTheWriterFailsEveryReaderFailsAndNoNewOneMayFollow() throws Exception {
        Path path = Files.createFile(dir.resolve("failing"));
        GrowingFile growing = new GrowingFile(path, 0, "the upstream download");
        Files.write(path, "half".getBytes());
        growing.wrote(4);
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
        Path path = Files.createFile(dir.resolve("ranged"));
        GrowingFile growing = new GrowingFile(path, 0, "the test's writing");
        Files.write(path, "0123456789".getBytes());
        growing.wrote(10);
        try (InputStream reader = growing.follow(2, 3)) {
            assertThat(reader.readAllBytes()).isEqualTo("234".getBytes());
        }
    }
}
