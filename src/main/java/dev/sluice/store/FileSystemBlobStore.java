package dev.sluice.store;

import dev.sluice.util.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Blobs as files under {@code <root>/sha256/ab/abcdef...}. Staging writes to {@code <root>/staging/},
 * fsyncs, and commit renames atomically into place and fsyncs the directory, so a crash leaves either no
 * blob or a whole one. Staging leftovers from a crash are removed when the store opens.
 */
public final class FileSystemBlobStore implements BlobStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path blobs;
    private final Path staging;

    public FileSystemBlobStore(Path root) throws IOException {
        this.blobs = Files.createDirectories(root.resolve("sha256"));
        this.staging = Files.createDirectories(root.resolve("staging"));
        try (Stream<Path> leftovers = Files.list(staging)) {
            for (Path leftover : leftovers.toList()) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    @Override
    public StagedBlob stage(InputStream content, long maxBytes) throws IOException {
        Path file = staging.resolve(UUID.randomUUID() + ".part");
        Digests.Computer digests = new Digests.Computer();
        long size = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(channel)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = content.read(buffer)) > 0) {
                size += n;
                if (size > maxBytes) {
                    throw new BlobTooLargeException(maxBytes);
                }
                digests.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new StagedBlob(file, size, digests.finish());
    }

    @Override
    public Path newStagingFile() throws IOException {
        return Files.createFile(staging.resolve(UUID.randomUUID() + ".part"));
    }

    @Override
    public void commit(StagedBlob staged) throws IOException {
        Path target = pathOf(staged.digests().sha256());
        if (Files.exists(target)) {
            discard(staged);
            return;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            discard(staged);
            return;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the blob store needs atomic renames within " + blobs, e);
        }
        fsyncDirectory(target.getParent());
    }

    @Override
    public void discard(StagedBlob staged) {
        try {
            Files.deleteIfExists(staged.file());
        } catch (IOException ignored) {
            // A leftover is removed when the store next opens.
        }
    }

    @Override
    public Optional<Blob> open(String sha256) throws IOException {
        if (!SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        Path file = pathOf(sha256);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        long size = Files.size(file);
        return Optional.of(new Blob() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream openStream(long offset, long length) throws IOException {
                return FileRanges.open(file, offset, length);
            }
        });
    }

    /** Whether files can be staged now (readiness: the disk is there and writable). */
    public boolean isWritable() {
        return Files.isDirectory(staging) && Files.isWritable(staging);
    }

    private Path pathOf(String sha256) {
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
