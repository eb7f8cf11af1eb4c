package dev.sluice.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests begun and not yet logged. Stopping the HTTP server closes connections, but a request whose answer
 * was already sent may still be on its way to the usage log; the server waits for those before it closes the
 * log, so that a SIGTERM under load loses no event.
 */
final class InFlightRequests {
    private final AtomicInteger count = new AtomicInteger();

    void enter() {
        count.incrementAndGet();
    }

    void exit() {
        count.decrementAndGet();
    }

    int count() {
        return count.get();
    }

    /** Waits until no request is in flight, or the time is up. @return whether none is */
    boolean awaitIdle(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (count.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return count.get() <= 0;
    }
}
