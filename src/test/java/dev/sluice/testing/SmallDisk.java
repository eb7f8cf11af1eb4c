package dev.sluice.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A real small file system (tmpfs) for tests of a full or read-only disk: the kernel's own ENOSPC and EROFS, not an
 * imitation. Mounting needs root (CI runs as root); elsewhere the test is reported skipped, saying why.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    public static SmallDisk mount(Path mountPoint, String size) throws Exception {
        Files.createDirectories(mountPoint);
        String refused = run("mount", "-t", "tmpfs", "-o", "size=" + size, "sluice-test", mountPoint.toString());
        Assumptions.assumeTrue(refused == null, () -> "a tmpfs cannot be mounted here (needs root): " + refused);
        return new SmallDisk(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Writes a file until the disk is full. */
    public Path fill() throws IOException {
        Path filler = mountPoint.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return filler;
    }

    /** Makes the file system read-only (true) or writable again (false). */
    public void readOnly(boolean readOnly) throws Exception {
        String refused = run("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), mountPoint.toString());
        if (refused != null) {
            throw new IOException("remount failed: " + refused);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            run("umount", "-l", mountPoint.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return process.waitFor() == 0 ? null : output.strip();
    }
}
