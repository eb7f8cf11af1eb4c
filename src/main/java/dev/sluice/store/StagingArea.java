package dev.sluice.store;

import dev.sluice.util.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A local folder where bytes are written, fsynced and digested before any store makes them visible: every blob
 * store stages here, so that a file can be inspected before it is committed and a crash leaves nothing visible.
 */
final class StagingArea {
    /**
     * A staged file untouched this long is a crash's leftover. Staging folders may be shared by several nodes (a
     * blob root on a shared file system), so one node's start must not remove another's upload in progress.
     */
    static final Duration LEFTOVER_AFTER = Duration.ofHours(1);

    private final Path folder;

    StagingArea(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
        FileTime before = FileTime.from(Instant.now().minus(LEFTOVER_AFTER));
        try (Stream<Path> leftovers = Files.list(folder)) {
            for (Path leftover : leftovers.toList()) {
                if (Files.getLastModifiedTime(leftover).compareTo(before) < 0) {
                    Files.deleteIfExists(leftover);
                }
            }
        }
    }

    /** Streams content to a new staged file, computing its digests; nothing is left behind on failure. */
    StagedBlob stage(InputStream content, long maxBytes) throws IOException {
        Path file = folder.resolve(UUID.randomUUID() + ".part");
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

    Path newFile() throws IOException {
        return Files.createFile(folder.resolve(UUID.randomUUID() + ".part"));
    }

    void discard(StagedBlob staged) {
        try {
            Files.deleteIfExists(staged.file());
        } catch (IOException ignored) {
            // A leftover is removed by a later start, once old enough.
        }
    }

    /** Whether files can be staged now (readiness: the disk is there and writable). */
    boolean isWritable() {
        return Files.isDirectory(folder) && Files.isWritable(folder);
    }

    Path folder() {
        return folder;
    }
}
