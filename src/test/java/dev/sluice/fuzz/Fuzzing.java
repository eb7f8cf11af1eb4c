package dev.sluice.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the fuzz targets share. A target is a class with {@code public static void fuzzerTestOneInput(byte[])}:
 * Jazzer calls it with generated inputs ({@code fuzz/run}), {@link FuzzCorpusTest} with the kept corpus.
 * A target catches only the typed error its parser promises; anything else escaping (another exception,
 * a stack overflow, running out of the fuzzing JVM's small heap) is a finding.
 */
public final class Fuzzing {
    private static final ThreadLocal<Path> SCRATCH = ThreadLocal.withInitial(() -> {
        try {
            Path dir = Files.createTempDirectory("sluice-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    private Fuzzing() {}

    /** The input as text, as a server would decode it (malformed sequences replaced). */
    public static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Writes the input to a file of the given name in this thread's scratch directory (overwritten each call). */
    public static Path file(String name, byte[] data) {
        try {
            Path file = SCRATCH.get().resolve(name);
            Files.write(file, data);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails the run: a contract the parser promises was broken for this input. */
    public static void check(boolean promise, String what) {
        if (!promise) {
            throw new AssertionError("broken contract: " + what);
        }
    }
}
