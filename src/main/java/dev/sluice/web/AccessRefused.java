package dev.sluice.web;

/**
 * A request refused for who sent it: 401 (no or wrong credentials, with a challenge), 403 (not allowed) or
 * 429 (too many failed attempts, with Retry-After). The message is for the client and holds no secret.
 */
final class AccessRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String challenge;
    private final long retryAfterSeconds;

    AccessRefused(int status, String message, String challenge, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.challenge = challenge;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    int status() {
        return status;
    }

    /** The WWW-Authenticate scheme to offer (Basic, Bearer), or null. */
    String challenge() {
        return challenge;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
