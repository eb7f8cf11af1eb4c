package dev.sluice.proxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A circuit breaker for one upstream. After {@code failuresToOpen} transport failures in a row (no connection, no
 * answer in time, a broken connection) the circuit opens: for {@code openFor} no request goes upstream, and callers
 * fail at once (a proxy then answers from its cache, or 503), instead of each waiting out the timeout. Then one
 * request at a time is let through as a probe: an answer closes the circuit, a failure opens it again.
 * An HTTP answer of any status counts as the upstream being there.
 */
public final class UpstreamCircuit {
    /** Closed: calls go through. Open: calls fail at once. Probing: one call is testing the upstream. */
    public enum State { CLOSED, OPEN, PROBING }

    /** The circuit as /ready and /metrics show it. */
    public record Status(State state, int failuresInARow, String lastFailure, Instant openUntil) {
        public String describe(Instant now) {
            return switch (state) {
                case CLOSED -> failuresInARow == 0 ? "closed" : "closed (" + failuresInARow + " failure(s) in a row; last: " + lastFailure + ")";
                case OPEN -> "open after " + failuresInARow + " failures in a row (last: " + lastFailure + "); next probe in "
                        + Math.max(0, Duration.between(now, openUntil).toSeconds()) + " s";
                case PROBING -> "probing (one request is testing the upstream; last failure: " + lastFailure + ")";
            };
        }
    }

    private final String upstream;
    private final int failuresToOpen;
    private final Duration openFor;
    private final Clock clock;
    private final ProxyCounters counters;
    private State state = State.CLOSED;
    private int failuresInARow;
    private String lastFailure;
    private Instant openUntil = Instant.MIN;

    UpstreamCircuit(String upstream, int failuresToOpen, Duration openFor, Clock clock, ProxyCounters counters) {
        this.upstream = upstream;
        this.counters = counters;
        this.failuresToOpen = failuresToOpen;
        this.openFor = openFor;
        this.clock = clock;
    }

    /**
     * Lets a call go upstream, or refuses it at once while the circuit is open (or another call is probing).
     *
     * @throws UpstreamException 503 naming the failures that opened the circuit, with the seconds until the next probe
     */
    synchronized void beforeCall() throws UpstreamException {
        if (state == State.CLOSED) {
            return;
        }
        Instant now = clock.instant();
        if (state == State.OPEN && !now.isBefore(openUntil)) {
            enter(State.PROBING);
            return;
        }
        counters.circuitRefusals.incrementAndGet();
        long wait = Math.max(1, Duration.between(now, openUntil).toSeconds());
        throw new UpstreamException(503, "not asked: the upstream failed " + failuresInARow + " times in a row (last: "
                + lastFailure + "), so Sluice waits " + (state == State.OPEN ? wait + " s" : "for the probe running now")
                + " before trying again", state == State.OPEN ? wait : 1L, null);
    }

    /** The upstream answered (with any status). */
    synchronized void succeeded() {
        enter(State.CLOSED);
        failuresInARow = 0;
    }

    /** The upstream could not be reached, did not answer in time, or broke the connection. */
    synchronized void failed(String why) {
        failuresInARow++;
        lastFailure = why;
        if (state == State.PROBING || failuresInARow >= failuresToOpen) {
            if (state != State.OPEN) {
                org.slf4j.LoggerFactory.getLogger(UpstreamCircuit.class).warn(
                        "upstream {}: circuit open for {} s after {} failures in a row (last: {})", upstream,
                        openFor.toSeconds(), failuresInARow, why);
                counters.circuitOpenings.incrementAndGet();
            }
            enter(State.OPEN);
            openUntil = clock.instant().plus(openFor);
        }
    }

    private void enter(State next) {
        state = next;
        counters.circuitState.set(next.ordinal());
    }

    public synchronized Status status() {
        // An open circuit whose time is up is still reported open until a call probes it.
        return new Status(state, failuresInARow, lastFailure, openUntil);
    }
}
