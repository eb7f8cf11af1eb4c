package dev.sluice.web;

import dev.sluice.util.EmptyDirectory;
import dev.sluice.util.GrowingFile;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Project lists rendered to files, plain and gzipped, keyed like {@link RenderedPages}. A root list as large
 * as PyPI's (600,000 names, 36 MB of HTML) is written entry by entry to disk and never held whole in the
 * heap; it is then sent from the file, as a static server would. One rendering per key at a time: the request
 * that starts it is sent the list as it is written, and requests that come meanwhile follow the files as they
 * grow. A newer list of the same route and form replaces the older file.
 */
final class RenderedLists {
    /** A list's two files. */
    record ListFiles(Path identity, Path gzip) {}

    /** What a request for a list is sent: a rendered file (its size known), or a rendering followed as it grows (-1). */
    record ListBody(InputStream stream, long size) {}

    /** Writes a list to a stream. */
    @FunctionalInterface
    interface Renderer {
        void render(OutputStream out) throws IOException;
    }

    /** A rendering under way: its two part files, which requests that come meanwhile follow. */
    private record Rendering(Path identityPart, Path gzipPart, GrowingFile identity, GrowingFile gzip) {
        /** A rendering's part files, created empty before anyone can be told to follow them. */
        static Rendering create(ListFiles files, long number) throws IOException {
            Path identityPart = Files.createFile(part(files.identity(), number));
            Path gzipPart = Files.createFile(part(files.gzip(), number));
            return new Rendering(identityPart, gzipPart, new GrowingFile(identityPart, 0, "rendering the project list"),
                    new GrowingFile(gzipPart, 0, "rendering the project list"));
        }

        GrowingFile form(boolean gzipped) {
            return gzipped ? gzip : identity;
        }

        /** Fails the requests following it, and removes its part files. */
        void fail(IOException cause) {
            identity.fail(cause);
            gzip.fail(cause);
            delete(new ListFiles(identityPart, gzipPart));
        }
    }

    private final Path directory;
    private final Map<String, Rendering> rendering = new ConcurrentHashMap<>();
    private final AtomicLong renderings = new AtomicLong();
    private final Map<String, String> newestKeyBySlot = new ConcurrentHashMap<>();

    /** @param directory emptied: files of an earlier run may name serials that mean something else now */
    RenderedLists(Path directory) throws IOException {
        this.directory = EmptyDirectory.at(directory);
    }

    /**
     * A list in the form asked for: from its files once rendered; else following the rendering under way; else
     * this request renders it, and is sent it as it is written, so that its first byte leaves as soon as the
     * first names are read.
     *
     * @param slot the route and form (one file pair is kept per slot)
     * @param key the slot and what the list's content depends on (its serial)
     * @param gzip which of the two forms is asked for
     * @param live where this request's answer goes if it renders the list, or null to only render it
     * @return what to send, or null when {@code live} already took the whole list
     * @throws java.nio.file.NoSuchFileException when a newer list replaced this one before its file was opened
     */
    ListBody get(String slot, String key, Renderer renderer, boolean gzip, LiveBody live) throws IOException {
        ListFiles files = filesOf(key);
        while (true) {
            ListBody rendered = open(files, gzip);
            if (rendered != null) {
                return rendered;
            }
            Rendering mine = Rendering.create(files, renderings.incrementAndGet());
            Rendering running = rendering.putIfAbsent(key, mine);
            if (running != null) {
                mine.fail(new IOException("another rendering of the list is under way"));
                try {
                    InputStream following = running.form(gzip).follow(0, -1);
                    if (following != null) {
                        return new ListBody(following, -1);
                    }
                } catch (java.nio.file.NoSuchFileException moved) {
                    // that rendering finished between the two looks: its files are in place now
                }
                continue;
            }
            OutputStream answer;
            try {
                answer = live == null ? null : live.open();
                onPlatformThread(() -> render(files, mine, renderer, gzip ? null : answer, gzip ? answer : null));
            } catch (Throwable e) {
                // The requests following it fail too, and nothing is left of it.
                mine.fail(e instanceof IOException io ? io : new IOException(e.toString(), e));
                if (e instanceof IOException io) {
                    throw new UncheckedIOException("rendering a project list failed: " + io.getMessage(), io);
                }
                throw e;
            } finally {
                rendering.remove(key, mine);
            }
            String older = newestKeyBySlot.put(slot, key);
            if (older != null && !older.equals(key)) {
                delete(filesOf(older));
            }
            return answer == null ? open(files, gzip) : null;
        }
    }

    /** Work that may fail reading or writing. */
    @FunctionalInterface
    private interface Work {
        void run() throws IOException;
    }

    /**
     * Runs the work on a platform thread of its own, and waits for it. Rendering a large list is seconds of work
     * that never waits on the network; requests run on virtual threads, which give up their carrier only when they
     * wait, so on a one-CPU machine every other request (and the connector itself) would wait for the whole list.
     * The operating system shares the CPU between platform threads, and the waiting request frees its carrier.
     */
    private static void onPlatformThread(Work work) throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofPlatform().name("sluice-list-rendering").daemon().start(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw e;
            }
        }
    }

    /** Opens the body of the answer that takes a list while it is rendered. */
    @FunctionalInterface
    interface LiveBody {
        OutputStream open() throws IOException;
    }

    /** The list's file in the asked form, if the list is rendered (the gzip file is moved into place last). */
    private static ListBody open(ListFiles files, boolean gzip) throws IOException {
        if (!Files.exists(files.gzip())) {
            return null;
        }
        FileChannel channel = FileChannel.open(gzip ? files.gzip() : files.identity(), StandardOpenOption.READ);
        return new ListBody(Channels.newInputStream(channel), channel.size());
    }

    private static Path part(Path file, long rendering) {
        return file.resolveSibling(file.getFileName() + "." + rendering + ".part");
    }

    private ListFiles filesOf(String key) {
        String name = dev.sluice.util.Digests.of(key.getBytes(StandardCharsets.UTF_8)).sha256();
        return new ListFiles(directory.resolve(name), directory.resolve(name + ".gz"));
    }

    /**
     * Both forms in one pass, each also copied to its answer when there is one; the gzip file is moved into place
     * last, so its presence means both are whole. A client that goes away does not stop the rendering.
     */
    private static void render(ListFiles files, Rendering parts, Renderer renderer, OutputStream identityAnswer,
            OutputStream gzipAnswer) throws IOException {
        Tee identityCopy;
        Tee gzipCopy;
        try (OutputStream identityFile = new BufferedOutputStream(counted(Files.newOutputStream(parts.identityPart()),
                        parts.identity()), 64 * 1024);
                Tee identity = identityCopy = new Tee(identityFile, identityAnswer);
                Tee gzipTarget = gzipCopy = new Tee(counted(Files.newOutputStream(parts.gzipPart()), parts.gzip()),
                        gzipAnswer);
                OutputStream gzip = new GZIPOutputStream(gzipTarget, 64 * 1024)) {
            renderer.render(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    identity.write(b, off, len);
                    gzip.write(b, off, len);
                }
            });
        }
        Files.move(parts.identityPart(), files.identity(), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(parts.gzipPart(), files.gzip(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // Followers reading the part files keep them open; requests from now on find the files in place.
        parts.identity().finish(() -> { });
        parts.gzip().finish(() -> { });
        identityCopy.flushCopy();
        gzipCopy.flushCopy();
    }

    /** The file's stream, telling {@code growing} of every byte that reached the file. */
    private static OutputStream counted(OutputStream file, GrowingFile growing) {
        return new FilterOutputStream(file) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                growing.wrote(1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                growing.wrote(len);
            }
        };
    }

    private static void delete(ListFiles files) {
        try {
            Files.deleteIfExists(files.gzip());
            Files.deleteIfExists(files.identity());
        } catch (IOException e) {
            // a leftover file costs disk space only; the directory is emptied at the next start
        }
    }

    /**
     * Writes to a file and, while the client is there, a copy to its answer. Closing closes the file only: the
     * answer is the server's to end.
     */
    private static final class Tee extends OutputStream {
        private final OutputStream file;
        private OutputStream copy;

        Tee(OutputStream file, OutputStream copy) {
            this.file = file;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            file.write(b, off, len);
            if (copy != null) {
                try {
                    copy.write(b, off, len);
                } catch (IOException gone) {
                    copy = null; // the client went away; the files are still worth finishing
                }
            }
        }

        void flushCopy() {
            if (copy != null) {
                try {
                    copy.flush();
                } catch (IOException gone) {
                    copy = null;
                }
            }
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
