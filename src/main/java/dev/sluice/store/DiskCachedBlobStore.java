package dev.sluice.store;

import dev.sluice.util.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Keeps copies of a remote store's blobs on the node's own disk, up to a total, so that a file is fetched from the
 * object store once per node and then served from the local disk as nginx serves a file. A blob's name is its
 * sha256, so a copy can never go stale; each is checked against its name when it is fetched. Uploads made on this
 * node are kept from their staged file. The least recently read go first; the copies are only a cache (the node's data
 * directory may be lost with nothing lost).
 */
public final class DiskCachedBlobStore extends ForwardingBlobStore {
    private final Path folder;
    private final long capacityBytes;
    /** The copies on disk and their sizes, least recently read first. */
    private final LinkedHashMap<String, Long> copies = new LinkedHashMap<>(1024, 0.75f, true);
    private long copiedBytes;
    /** One fetch per blob at a time: whoever comes while it runs waits for its copy. */
    private final Map<String, Object> fetching = new ConcurrentHashMap<>();

    public DiskCachedBlobStore(BlobStore remote, Path folder, long capacityBytes) throws IOException {
        super(remote);
        this.folder = Files.createDirectories(folder);
        this.capacityBytes = capacityBytes;
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).sorted(java.util.Comparator.comparing(DiskCachedBlobStore::modified)).forEach(f -> {
                String name = f.getFileName().toString();
                if (name.endsWith(".part")) {
                    f.toFile().delete(); // a fetch cut short by a crash
                } else {
                    remember(name, f.toFile().length());
                }
            });
        }
    }

    @Override
    public Optional<Blob> open(String sha256) throws IOException {
        if (!BlobStore.isBlobName(sha256)) {
            return Optional.empty();
        }
        Optional<Blob> copy = copy(sha256);
        if (copy.isPresent()) {
            return copy;
        }
        Optional<Blob> stored = behind.open(sha256);
        if (stored.isEmpty() || stored.get().size() > capacityBytes / 4) {
            return stored; // a file too large to keep is streamed from the store each time
        }
        Object lock = fetching.computeIfAbsent(sha256, k -> new Object());
        try {
            synchronized (lock) {
                copy = copy(sha256);
                return copy.isPresent() ? copy : Optional.of(fetch(sha256, stored.get()));
            }
        } finally {
            fetching.remove(sha256, lock);
        }
    }

    private Optional<Blob> copy(String sha256) {
        Path file = pathOf(sha256);
        synchronized (copies) {
            if (copies.get(sha256) == null) {
                return Optional.empty();
            }
        }
        return Files.isRegularFile(file) ? Optional.of(FileRanges.blob(file, file.toFile().length())) : Optional.empty();
    }

    private Blob fetch(String sha256, Blob stored) throws IOException {
        Path target = pathOf(sha256);
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(sha256 + "." + Thread.currentThread().threadId() + ".part");
        Digests.Computer digests = new Digests.Computer();
        try (InputStream in = stored.openStream(0, -1); OutputStream out = Files.newOutputStream(part)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digests.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        if (!digests.finish().sha256().equals(sha256)) {
            Files.deleteIfExists(part);
            throw new IOException("the stored bytes named " + sha256 + " do not have that sha256 (damaged in the object store?)");
        }
        place(part, target, sha256);
        return FileRanges.blob(target, target.toFile().length());
    }

    @Override
    public void commit(StagedBlob staged) throws IOException {
        String sha256 = staged.digests().sha256();
        Path target = pathOf(sha256);
        Path link = null;
        if (staged.size() <= capacityBytes / 4 && !Files.exists(target)) {
            // The staged file is on this disk already: a second name for it costs nothing and outlives its removal.
            try {
                Files.createDirectories(target.getParent());
                link = Files.createLink(target.resolveSibling(sha256 + "." + Thread.currentThread().threadId() + ".part"),
                        staged.file());
            } catch (UnsupportedOperationException | IOException e) {
                link = null; // another file system: the copy is made on the first read instead
            }
        }
        try {
            behind.commit(staged);
        } catch (IOException | RuntimeException e) {
            if (link != null) {
                Files.deleteIfExists(link); // not stored: not kept here either
            }
            throw e;
        }
        if (link != null) {
            place(link, target, sha256);
        }
    }

    private void place(Path part, Path target, String sha256) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        remember(sha256, Files.size(target));
    }

    @Override
    public void remove(String sha256) throws IOException {
        synchronized (copies) {
            Long gone = copies.remove(sha256);
            copiedBytes -= gone == null ? 0 : gone;
            if (BlobStore.isBlobName(sha256)) {
                Files.deleteIfExists(pathOf(sha256));
            }
        }
        super.remove(sha256);
    }

    private void remember(String sha256, long size) {
        synchronized (copies) {
            Long before = copies.put(sha256, size);
            copiedBytes += size - (before == null ? 0 : before);
            var eldest = copies.entrySet().iterator();
            while (copiedBytes > capacityBytes && eldest.hasNext()) {
                Map.Entry<String, Long> gone = eldest.next();
                if (gone.getKey().equals(sha256)) {
                    continue;
                }
                copiedBytes -= gone.getValue();
                eldest.remove();
                pathOf(gone.getKey()).toFile().delete(); // a reader that opened it keeps reading it (POSIX)
            }
        }
    }

    private Path pathOf(String sha256) {
        return folder.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static java.nio.file.attribute.FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }
}
