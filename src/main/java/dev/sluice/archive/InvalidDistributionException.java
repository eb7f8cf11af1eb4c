package dev.sluice.archive;

/**
 * A distribution archive Sluice refuses to read: corrupt, truncated, hostile (path traversal, links,
 * decompression bombs), or without exactly one core metadata file. The message says which, for the uploader.
 */
public final class InvalidDistributionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidDistributionException(String message) {
        super(message);
    }

    public InvalidDistributionException(String message, Throwable cause) {
        super(message, cause);
    }
}
