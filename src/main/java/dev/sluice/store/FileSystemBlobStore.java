package dev.sluice.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Blobs as files under {@code <root>/sha256/ab/abcdef...}. Staging writes to {@code <root>/staging/},
 * fsyncs, and commit renames atomically into place and fsyncs the directory, so a crash leaves either no
 * blob or a whole one. The root may be on a file system several nodes share.
 */
public final class FileSystemBlobStore extends LocallyStagedStore {

    private final Path blobs;

    public FileSystemBlobStore(Path root) throws IOException {
        super(root.resolve("staging"));
        this.blobs = Files.createDirectories(root.resolve("sha256"));
    }

    @Override
    public void commit(StagedBlob staged) throws IOException {
        Path target = pathOf(staged.digests().sha256());
        if (Files.exists(target)) {
            touch(target);
            discard(staged);
            return;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            touch(target);
            discard(staged);
            return;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the blob store needs atomic renames within " + blobs, e);
        }
        fsyncDirectory(target.getParent());
    }

    @Override
    public Optional<Blob> open(String sha256) throws IOException {
        if (!BlobStore.isBlobName(sha256)) {
            return Optional.empty();
        }
        Path file = pathOf(sha256);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        long size = Files.size(file);
        return Optional.of(FileRanges.blob(file, size));
    }

    @Override
    public String problem() {
        return staging.isWritable() ? null : "the blob store under " + blobs.getParent().toAbsolutePath() + " cannot be written";
    }

    @Override
    public java.util.stream.Stream<Listed> listed() throws IOException {
        return Files.walk(blobs).filter(Files::isRegularFile).filter(p -> BlobStore.isBlobName(p.getFileName().toString()))
                .map(p -> new Listed(p.getFileName().toString(), modified(p)));
    }

    @Override
    public Optional<java.time.Instant> stored(String sha256) throws IOException {
        Path file = BlobStore.isBlobName(sha256) ? pathOf(sha256) : null;
        return file != null && Files.isRegularFile(file) ? Optional.of(modified(file)) : Optional.empty();
    }

    private static java.time.Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return java.time.Instant.now(); // gone or unreadable: never taken as old
        }
    }

    private static void touch(Path file) throws IOException {
        try {
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        } catch (java.nio.file.NoSuchFileException gone) {
            // removed meanwhile: the next commit of these bytes stores them again
        }
    }

    @Override
    public void remove(String sha256) throws IOException {
        if (BlobStore.isBlobName(sha256)) {
            Files.deleteIfExists(pathOf(sha256));
        }
    }

    private Path pathOf(String sha256) {
        return blobs.getParent().resolve(pathWithin(sha256));
    }

    /** Where a blob lies within the store's root folder ({@code sha256/ab/abcdef...}), for whoever serves it from there. */
    public static String pathWithin(String sha256) {
        return "sha256/" + sha256.substring(0, 2) + "/" + sha256;
    }

    private static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
