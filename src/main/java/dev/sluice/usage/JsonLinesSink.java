package dev.sluice.usage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * The usage log as JSON lines, appended to a file (for log shippers) or written to standard output; each batch
 * is flushed whole. Only the usage log's writer thread calls it.
 */
final class JsonLinesSink implements Consumer<List<UsageStore.Event>>, AutoCloseable {
    private final OutputStream out;
    private final boolean owned;

    JsonLinesSink(Path target) throws IOException {
        if (target.equals(UsageSettings.STANDARD_OUTPUT)) {
            this.out = System.out;
            this.owned = false;
        } else {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            this.out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            this.owned = true;
        }
    }

    @Override
    public void accept(List<UsageStore.Event> batch) {
        StringBuilder lines = new StringBuilder(batch.size() * 400);
        batch.forEach(e -> lines.append(EventFormats.jsonLine(e)));
        try {
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (owned) {
            out.close();
        }
    }
}
