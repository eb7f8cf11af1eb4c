package dev.sluice.access;

/**
 * A request refused for who sent it: 401 (no or wrong credentials, with a challenge), 403 (not allowed) or
 * 429 (too many failed attempts, with Retry-After). The message is for the client and holds no secret.
 */
public final class AccessRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String challenge;
    private final long retryAfterSeconds;

    public AccessRefused(int status, String message, String challenge, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.challenge = challenge;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** The WWW-Authenticate scheme to offer (Basic, Bearer), or null. */
    public String challenge() {
        return challenge;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
