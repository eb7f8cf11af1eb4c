package dev.sluice.index;

/** The typed answers of a {@link Repository} other than a value. */
public sealed class RepositoryException extends RuntimeException permits ProjectNotFound, FileNotFound,
        SourceUnavailable, Refused {
    private static final long serialVersionUID = 1L;

    RepositoryException(String message) {
        super(message);
    }

    RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
