package dev.sluice.hosted;

/** An upload refused, with the HTTP status and a message that names the field or rule that failed. */
public final class UploadRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public UploadRejected(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
