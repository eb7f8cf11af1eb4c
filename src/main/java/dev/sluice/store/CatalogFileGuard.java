package dev.sluice.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Notices when the SQLite catalog file is removed or replaced while Sluice has it open. SQLite would go on writing
 * to the open, unlinked file, acknowledging uploads that are gone at the next start; so from that moment every
 * use of the catalog is refused with a {@link StorageFault} that says what happened and what to do.
 */
final class CatalogFileGuard {
    private final Path file;
    private final Object identity;

    CatalogFileGuard(Path file) throws IOException {
        this.file = file.toAbsolutePath();
        this.identity = Files.readAttributes(this.file, BasicFileAttributes.class).fileKey();
    }

    /** The problem with the catalog file, or null while it is the one that was opened. */
    String problem() {
        if (identity == null) {
            return null; // a file system without file identities: nothing to compare
        }
        Object now;
        try {
            now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return "the catalog file " + file + " was removed while Sluice was running; writes are refused so that"
                    + " nothing acknowledged is lost: put it back, or restart Sluice to start an empty catalog";
        }
        if (!identity.equals(now)) {
            return "the catalog file " + file + " was replaced while Sluice was running; writes are refused so that"
                    + " nothing acknowledged is lost: restart Sluice to use the new file";
        }
        return null;
    }

    void check() {
        String problem = problem();
        if (problem != null) {
            throw new StorageFault(503, "Service Unavailable: " + problem, null);
        }
    }
}
