package dev.sluice.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Keeps the data directory to the account that runs Sluice: the catalog holds token hashes, security events and
 * who installed what; the blobs may be private packages. Other local users get no access to anything under it.
 */
public final class OwnerOnly {
    private OwnerOnly() {}

    /** Creates the directory if needed and makes it {@code rwx------} (on file systems that have POSIX modes). */
    public static Path directory(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
        return directory;
    }

    /** Makes a file {@code rw-------} (on file systems that have POSIX modes). */
    public static Path file(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }
}
