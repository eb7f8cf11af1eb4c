package dev.sluice.web;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.GZIPOutputStream;

/**
 * Project lists rendered to files, plain and gzipped, keyed like {@link RenderedPages}. A root list as large
 * as PyPI's (600,000 names, 36 MB of HTML) is written entry by entry to disk and never held whole in the
 * heap; it is then sent from the file, as a static server would. One rendering per key at a time: others
 * asking meanwhile wait for it. A newer list of the same route and form replaces the older file.
 */
final class RenderedLists {
    /** A list's two files. */
    record ListFiles(Path identity, Path gzip) {}

    /** Writes a list to a stream. */
    @FunctionalInterface
    interface Renderer {
        void render(OutputStream out) throws IOException;
    }

    private final Path directory;
    private final Map<String, ReentrantLock> rendering = new ConcurrentHashMap<>();
    private final Map<String, String> newestKeyBySlot = new ConcurrentHashMap<>();

    /** @param directory emptied: files of an earlier run may name serials that mean something else now */
    RenderedLists(Path directory) throws IOException {
        this.directory = SluiceServer.emptyDirectory(directory);
    }

    /**
     * The files of a list, rendering them first when missing. The request that renders them also gets its answer
     * as it is written, so that its first byte leaves as soon as the first names are read; requests asking
     * meanwhile wait for the files.
     *
     * @param slot the route and form (one file pair is kept per slot)
     * @param key the slot and what the list's content depends on (its serial)
     * @param gzip which of the two forms {@code live} takes
     * @param live where this request's answer goes while the list is rendered, or null to only render it
     * @return the files, or null when {@code live} already took the whole list
     */
    ListFiles get(String slot, String key, Renderer renderer, boolean gzip, LiveBody live) {
        ListFiles files = filesOf(key);
        if (Files.exists(files.gzip())) {
            return files;
        }
        ReentrantLock lock = rendering.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            if (Files.exists(files.gzip())) {
                return files;
            }
            OutputStream answer = live == null ? null : live.open();
            render(files, renderer, gzip ? null : answer, gzip ? answer : null);
            String older = newestKeyBySlot.put(slot, key);
            if (older != null && !older.equals(key)) {
                delete(filesOf(older));
            }
            return answer == null ? files : null;
        } catch (IOException e) {
            throw new UncheckedIOException("rendering a project list failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
            rendering.remove(key, lock);
        }
    }

    /** Opens the body of the answer that takes a list while it is rendered. */
    @FunctionalInterface
    interface LiveBody {
        OutputStream open() throws IOException;
    }

    private ListFiles filesOf(String key) {
        String name = dev.sluice.store.Digests.of(key.getBytes(StandardCharsets.UTF_8)).sha256();
        return new ListFiles(directory.resolve(name), directory.resolve(name + ".gz"));
    }

    /**
     * Both forms in one pass, each also copied to its answer when there is one; the gzip file is moved into place
     * last, so its presence means both are whole. A client that goes away does not stop the rendering.
     */
    private static void render(ListFiles files, Renderer renderer, OutputStream identityAnswer, OutputStream gzipAnswer)
            throws IOException {
        Path identityPart = files.identity().resolveSibling(files.identity().getFileName() + ".part");
        Path gzipPart = files.gzip().resolveSibling(files.gzip().getFileName() + ".part");
        Tee identityCopy = null;
        Tee gzipCopy = null;
        try (OutputStream identityFile = new BufferedOutputStream(Files.newOutputStream(identityPart), 64 * 1024);
                Tee identity = identityCopy = new Tee(identityFile, identityAnswer);
                Tee gzipTarget = gzipCopy = new Tee(Files.newOutputStream(gzipPart), gzipAnswer);
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
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(identityPart);
            Files.deleteIfExists(gzipPart);
            throw e;
        }
        Files.move(identityPart, files.identity(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(gzipPart, files.gzip(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        identityCopy.flushCopy();
        gzipCopy.flushCopy();
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
