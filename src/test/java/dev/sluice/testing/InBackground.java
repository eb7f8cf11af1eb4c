package dev.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/** Work that may block (a read that waits for a writer, a request that waits for a rendering), on another thread. */
public final class InBackground {
    private InBackground() {}

    /** Work that may fail reading or writing. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    public static <T> CompletableFuture<T> start(Work<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
