package dev.sluice.store;

import java.util.Locale;

/**
 * The server's own storage failed: the disk is full, the file system went read-only or broke, the catalog file was
 * removed or replaced underneath, the catalog's database or the object store cannot be reached. Not the client's fault, and worth retrying later: {@code 507 Insufficient Storage}
 * when space ran out, else {@code 503}, both with {@code Retry-After}. Nothing was stored.
 */
public final class StorageFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Long enough for an operator to act, short enough that a CI job's retry succeeds once they have. */
    public static final long RETRY_AFTER_SECONDS = 60;

    private final int status;

    public StorageFault(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * The storage fault behind a failure, found in its causes by the operating system's or SQLite's words for it, or
     * null when the failure is something else (a client's broken connection is not a storage fault).
     */
    public static StorageFault in(Throwable failure) {
        StorageFault found = null;
        // The deepest cause that names the fault words it best ("No space left on device", not a wrapper's text).
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StorageFault fault) {
                return fault;
            }
            StorageFault named = named(failure, String.valueOf(t.getMessage()));
            found = named != null ? named : found;
        }
        return found;
    }

    private static StorageFault named(Throwable failure, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")
                || lower.contains("sqlite_full") || lower.contains("database or disk is full")) {
            return new StorageFault(507, "Insufficient Storage: the server's disk is full (" + firstLine(message)
                    + "); nothing was stored, try again later", failure);
        }
        if (lower.contains("connection is not available, request timed out") || lower.contains("connection to ")
                && lower.contains("refused") || lower.contains("the database system is") || lower.contains("terminating connection")
                || lower.contains("an i/o error occurred while sending to the backend")) {
            return new StorageFault(503, "Service Unavailable: the catalog database cannot be reached (" + firstLine(message)
                    + "); try again later", failure);
        }
        if (lower.contains("read-only file system") || lower.contains("input/output error")
                || lower.contains("sqlite_readonly") || lower.contains("sqlite_ioerr") || lower.contains("disk i/o error")) {
            return new StorageFault(503, "Service Unavailable: the server's storage failed (" + firstLine(message)
                    + "); nothing was stored, try again later", failure);
        }
        return null;
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse("").strip();
    }
}
