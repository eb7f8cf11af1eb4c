package dev.sluice.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A working folder that starts empty: what a killed server left in it is of no use. */
public final class EmptyDirectory {
    private EmptyDirectory() {}

    /** Creates the directory, or empties it (its files; it holds no folders), and returns it. */
    public static Path at(Path directory) throws IOException {
        Files.createDirectories(directory);
        try (Stream<Path> leftovers = Files.list(directory)) {
            for (Path leftover : leftovers.toList()) {
                Files.deleteIfExists(leftover);
            }
        }
        return directory;
    }
}
