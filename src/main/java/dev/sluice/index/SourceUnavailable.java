package dev.sluice.index;

/**
 * The source cannot answer now (store down, upstream unreachable, slow or sending garbage): never to be read
 * as "not found". Carries the gateway status that fits (502 bad answer, 503 unavailable, 504 timeout) and,
 * when the upstream said so, how long to wait.
 */
public final class SourceUnavailable extends RepositoryException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final Long retryAfterSeconds;

    public SourceUnavailable(String message, Throwable cause) {
        this(503, message, null, cause);
    }

    public SourceUnavailable(int status, String message, Long retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** Seconds to wait before retrying, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
