package dev.sluice.store;

import java.io.IOException;

/** More bytes arrived than the configured limit allows. */
public final class BlobTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long limit;

    public BlobTooLargeException(long limit) {
        super("larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
