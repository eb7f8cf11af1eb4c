package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
        })).hasMessageContaining("the catalog went away");
        try (var left = Files.list(dir.resolve("lists"))) {
            assertThat(left).isEmpty();
        }
        RenderedLists.ListFiles files = lists.get("s", "s|1", out -> out.write("whole".getBytes(StandardCharsets.UTF_8)));
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
            });
        }
        assertThat(renders).hasValue(1);
        assertThat(gunzip(first.gzip())).isEqualTo("serial one");
        RenderedLists.ListFiles second = lists.get("simple|html", "simple|html|2",
                out -> out.write("serial two".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(second.identity())).isEqualTo("serial two");
        assertThat(first.identity()).doesNotExist();
        assertThat(first.gzip()).doesNotExist();
        RenderedLists.ListFiles otherSlot = lists.get("simple|json", "simple|json|1", out -> out.write('x'));
        assertThat(second.gzip()).as("another route or form keeps its own file").exists();
        assertThat(otherSlot.gzip()).exists();
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
