package dev.sluice.hosted;

/** A filename that already holds a file, or that was used before and deleted. */
public final class FilenameUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HostedCatalog.FilenameState state;

    public FilenameUnavailableException(String filename, HostedCatalog.FilenameState state) {
        super("filename '" + filename + "' is not available (" + state + ")");
        this.state = state;
    }

    public HostedCatalog.FilenameState state() {
        return state;
    }
}
