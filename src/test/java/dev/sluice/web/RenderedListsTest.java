package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderedListsTest {
    @TempDir
    Path dir;

    @Test
    void aRendererThatFailsLeavesNoFileAndTheNextRequestRendersAgain() throws Exception {
        RenderedLists lists = new RenderedLists(dir.resolve("lists"));
        assertThatThrownBy(() -> lists.get("s", "s|1", out -> {
            out.write("half a list".getBytes(StandardCharsets.UTF_8));
            throw new IOException("the catalog went away");
        }, false, null)).hasMessageContaining("the catalog went away");
        try (var left = Files.list(dir.resolve("lists"))) {
            assertThat(left).isEmpty();
        }
        RenderedLists.ListFiles files = lists.get("s", "s|1", out -> out.write("whole".getBytes(StandardCharsets.UTF_8)), false, null);
        assertThat(Files.readString(files.identity())).isEqualTo("whole");
    }

    @Test
    void rendersOncePerKeyGzipsTheSameBytesAndANewerListReplacesTheOlder() throws Exception {
        RenderedLists lists = new RenderedLists(dir.resolve("lists"));
        AtomicInteger renders = new AtomicInteger();
        RenderedLists.ListFiles first = null;
        for (int i = 0; i < 3; i++) {
            first = lists.get("simple|html", "simple|html|1", out -> {
                renders.incrementAndGet();
                out.write("serial one".getBytes(StandardCharsets.UTF_8));
            }, false, null);
        }
        assertThat(renders).hasValue(1);
        assertThat(gunzip(first.gzip())).isEqualTo("serial one");
        RenderedLists.ListFiles second = lists.get("simple|html", "simple|html|2",
                out -> out.write("serial two".getBytes(StandardCharsets.UTF_8)), false, null);
        assertThat(Files.readString(second.identity())).isEqualTo("serial two");
        assertThat(first.identity()).doesNotExist();
        assertThat(first.gzip()).doesNotExist();
        RenderedLists.ListFiles otherSlot = lists.get("simple|json", "simple|json|1", out -> out.write('x'), false, null);
        assertThat(second.gzip()).as("another route or form keeps its own file").exists();
        assertThat(otherSlot.gzip()).exists();
    }

    @Test
    void aClientThatGoesAwayWhileItsListIsRenderedDoesNotStopTheRendering() throws Exception {
        RenderedLists lists = new RenderedLists(dir.resolve("lists"));
        OutputStream gone = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        assertThat(lists.get("s", "s|1", out -> out.write("the whole list".getBytes(StandardCharsets.UTF_8)), true, () -> gone))
                .as("this request had its answer (as far as it went)").isNull();
        RenderedLists.ListFiles files = lists.get("s", "s|1", out -> {
            throw new AssertionError("rendered twice");
        }, false, null);
        assertThat(Files.readString(files.identity())).isEqualTo("the whole list");
        assertThat(gunzip(files.gzip())).isEqualTo("the whole list");
    }

    @Test
    void theRequestThatRendersAListGetsItAsItIsWrittenInTheFormItAskedFor() throws Exception {
        RenderedLists lists = new RenderedLists(dir.resolve("lists"));
        byte[] list = "x".repeat(300_000).getBytes(StandardCharsets.UTF_8);
        for (boolean gzip : new boolean[] {false, true}) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int[] sentBeforeTheEnd = new int[1];
            assertThat(lists.get("s" + gzip, "s" + gzip + "|1", out -> {
                out.write(list, 0, 200_000);
                sentBeforeTheEnd[0] = answer.size();
                out.write(list, 200_000, 100_000);
            }, gzip, () -> answer)).isNull();
            RenderedLists.ListFiles files = lists.get("s" + gzip, "s" + gzip + "|1", out -> {
                throw new AssertionError("rendered twice");
            }, gzip, () -> answer);
            assertThat(answer.toByteArray()).as("the same bytes as the file")
                    .isEqualTo(Files.readAllBytes(gzip ? files.gzip() : files.identity()));
            assertThat(sentBeforeTheEnd[0]).as("streamed, not sent at the end (gzip %s)", gzip).isPositive();
        }
    }

    @Test
    void filesLeftByAnEarlierRunAreRemovedAtStart() throws Exception {
        Path stale = Files.createDirectories(dir.resolve("lists")).resolve("stale.part");
        Files.writeString(stale, "from a killed server");
        new RenderedLists(dir.resolve("lists"));
        assertThat(stale).doesNotExist();
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
