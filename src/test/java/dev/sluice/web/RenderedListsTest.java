package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.InBackground;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
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
        RenderedLists.ListBody body = lists.get("s", "s|1", out -> out.write("whole".getBytes(StandardCharsets.UTF_8)), false, null);
        assertThat(read(body)).isEqualTo("whole");
        assertThat(body.size()).isEqualTo(5);
    }

    @Test
    void rendersOncePerKeyGzipsTheSameBytesAndANewerListReplacesTheOlder() throws Exception {
        RenderedLists lists = new RenderedLists(dir.resolve("lists"));
        AtomicInteger renders = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            lists.get("simple|html", "simple|html|1", out -> {
                renders.incrementAndGet();
                out.write("serial one".getBytes(StandardCharsets.UTF_8));
            }, false, null).stream().close();
        }
        assertThat(renders).hasValue(1);
        assertThat(gunzip(lists.get("simple|html", "simple|html|1", out -> {
            throw new AssertionError("rendered twice");
        }, true, null))).isEqualTo("serial one");
        RenderedLists.ListBody second = lists.get("simple|html", "simple|html|2",
                out -> out.write("serial two".getBytes(StandardCharsets.UTF_8)), false, null);
        assertThat(read(second)).isEqualTo("serial two");
        assertThat(filesIn(dir.resolve("lists"))).as("the older list's two files are gone").isEqualTo(2);
        lists.get("simple|json", "simple|json|1", out -> out.write('x'), false, null).stream().close();
        assertThat(filesIn(dir.resolve("lists"))).as("another route or form keeps its own files").isEqualTo(4);
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
        RenderedLists.Renderer never = out -> {
            throw new AssertionError("rendered twice");
        };
        assertThat(read(lists.get("s", "s|1", never, false, null))).isEqualTo("the whole list");
        assertThat(gunzip(lists.get("s", "s|1", never, true, null))).isEqualTo("the whole list");
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
            RenderedLists.ListBody file = lists.get("s" + gzip, "s" + gzip + "|1", out -> {
                throw new AssertionError("rendered twice");
            }, gzip, () -> answer);
            try (InputStream in = file.stream()) {
                assertThat(answer.toByteArray()).as("the same bytes as the file").isEqualTo(in.readAllBytes());
            }
            assertThat(sentBeforeTheEnd[0]).as("streamed, not sent at the end (gzip %s)", gzip).isPositive();
        }
    }

    @Test
    void aRequestThatComesWhileTheListIsRenderedFollowsTheRenderingInsteadOfWaitingForItsEnd() throws Exception {
        RenderedLists lists = new RenderedLists(dir.resolve("lists"));
        byte[] list = "y".repeat(300_000).getBytes(StandardCharsets.UTF_8);
        CountDownLatch halfWritten = new CountDownLatch(1);
        CountDownLatch followerReadSome = new CountDownLatch(1);
        ByteArrayOutputStream renderersAnswer = new ByteArrayOutputStream();
        CompletableFuture<RenderedLists.ListBody> renderer = InBackground.start(() -> lists.get("s", "s|1", out -> {
            out.write(list, 0, 200_000);
            halfWritten.countDown();
            await(followerReadSome);
            out.write(list, 200_000, 100_000);
        }, false, () -> renderersAnswer));
        await(halfWritten);

        RenderedLists.ListBody following = lists.get("s", "s|1", out -> {
            throw new AssertionError("rendered twice");
        }, false, null);

        assertThat(following.size()).as("its length is not known yet").isEqualTo(-1);
        try (InputStream in = following.stream()) {
            byte[] first = in.readNBytes(100_000);
            assertThat(first).as("sent before the rendering ended").hasSize(100_000);
            followerReadSome.countDown();
            byte[] rest = in.readAllBytes();
            assertThat(first.length + rest.length).isEqualTo(list.length);
        }
        assertThat(renderer.get(10, TimeUnit.SECONDS)).as("the rendering request had its answer as it was written").isNull();
        assertThat(renderersAnswer.toByteArray()).isEqualTo(list);
    }

    @Test
    void aRequestFollowingARenderingThatFailsFailsToo() throws Exception {
        RenderedLists lists = new RenderedLists(dir.resolve("lists"));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch followed = new CountDownLatch(1);
        CompletableFuture<RenderedLists.ListBody> renderer = InBackground.start(() -> lists.get("s", "s|1", out -> {
            out.write(new byte[100_000]);
            started.countDown();
            await(followed);
            throw new IOException("the catalog went away");
        }, false, null));
        await(started);
        RenderedLists.ListBody following = lists.get("s", "s|1", out -> {
            throw new AssertionError("rendered twice");
        }, false, null);
        followed.countDown();

        try (InputStream in = following.stream()) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessageContaining("rendering the project list failed").hasMessageContaining("the catalog went away");
        }
        assertThatThrownBy(() -> renderer.get(10, TimeUnit.SECONDS)).hasMessageContaining("the catalog went away");
        assertThat(filesIn(dir.resolve("lists"))).as("nothing is left of it").isZero();
    }

    @Test
    void aListIsRenderedOnAPlatformThreadSoThatTheRequestsCarrierIsFreeMeanwhile() throws Exception {
        RenderedLists lists = new RenderedLists(dir.resolve("lists"));
        CompletableFuture<Boolean> renderedOnVirtual = new CompletableFuture<>();
        Thread request = Thread.ofVirtual().start(() -> {
            try {
                lists.get("s", "s|1", out -> {
                    renderedOnVirtual.complete(Thread.currentThread().isVirtual());
                    out.write('x');
                }, false, null).stream().close();
            } catch (IOException e) {
                renderedOnVirtual.completeExceptionally(e);
            }
        });
        request.join();
        assertThat(renderedOnVirtual.get(10, TimeUnit.SECONDS)).as("rendered on a virtual thread").isFalse();
    }

    @Test
    void filesLeftByAnEarlierRunAreRemovedAtStart() throws Exception {
        Path stale = Files.createDirectories(dir.resolve("lists")).resolve("stale.part");
        Files.writeString(stale, "from a killed server");
        new RenderedLists(dir.resolve("lists"));
        assertThat(stale).doesNotExist();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static long filesIn(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.count();
        }
    }

    private static String read(RenderedLists.ListBody body) throws IOException {
        try (InputStream in = body.stream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String gunzip(RenderedLists.ListBody body) throws IOException {
        try (InputStream in = new GZIPInputStream(body.stream())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
