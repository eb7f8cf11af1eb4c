package dev.sluice.proxy;

import dev.sluice.index.SourceUnavailable;

/** The upstream could not give a usable answer; carries the gateway status that describes why. */
final class UpstreamException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final Long retryAfterSeconds;

    UpstreamException(int status, String message, Long retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    UpstreamException(int status, String message) {
        this(status, message, null, null);
    }

    SourceUnavailable toSourceUnavailable(String upstream) {
        return new SourceUnavailable(status, "upstream " + upstream + ": " + getMessage(), retryAfterSeconds, this);
    }
}
