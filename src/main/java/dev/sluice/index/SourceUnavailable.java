package dev.sluice.index;

/** The source cannot answer now (store down, upstream unreachable, garbage): never to be read as "not found". */
public final class SourceUnavailable extends RepositoryException {
    private static final long serialVersionUID = 1L;

    public SourceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
