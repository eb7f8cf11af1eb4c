package dev.sluice.access;

import dev.sluice.store.ChangeFeed;
import dev.sluice.util.LruMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Slows down password and token guessing: after {@code limit} failed attempts within the window, a key (a user
 * name, or a client address) is refused until the oldest of them leaves the window; the caller answers 429
 * with that wait as Retry-After, without checking the credentials at all. Kept in memory, bounded; nodes sharing a
 * catalog tell each other of every failure and success (through its change feed), so a guesser cannot spread
 * attempts over the nodes behind a balancer.
 */
public final class LoginThrottle {
    private static final int MAX_KEYS = 100_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new LruMap<>(MAX_KEYS);

    private final ChangeFeed changes;
    private final String topic;

    public LoginThrottle(int limit, Duration window, Clock clock) {
        this(limit, window, clock, ChangeFeed.ALONE, "");
    }

    /** @param topic the change feed's topic for this throttle's failures and successes (one per throttle) */
    public LoginThrottle(int limit, Duration window, Clock clock, ChangeFeed changes, String topic) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.changes = changes;
        this.topic = topic;
        changes.subscribe(topic, this::heard);
    }

    /** Another node's failure ({@code -key}) or success ({@code +key}); {@code *} when some may have been missed. */
    private void heard(String subject) {
        if (subject.startsWith("-")) {
            recordFailure(subject.substring(1));
        } else if (subject.startsWith("+")) {
            forget(subject.substring(1));
        }
    }

    private void tell(String sign, String key) {
        if (key.length() < 250) { // the feed's subjects are bounded; a longer name is throttled on its node only
            changes.publish(topic, sign + key);
        }
    }

    /** Seconds the key must wait, or 0 when it may try. */
    public synchronized long retryAfterSeconds(String key) {
        Deque<Instant> recent = recent(key);
        if (recent == null || recent.size() < limit) {
            return 0;
        }
        return Math.max(1, Duration.between(clock.instant(), recent.peekFirst().plus(window)).toSeconds() + 1);
    }

    public void failed(String key) {
        recordFailure(key);
        tell("-", key);
    }

    public void succeeded(String key) {
        boolean hadFailures = forget(key);
        if (hadFailures) {
            tell("+", key);
        }
    }

    private synchronized void recordFailure(String key) {
        Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        recent.addLast(clock.instant());
        while (recent.size() > limit) {
            recent.removeFirst();
        }
    }

    /** Whether the key had failures to forget. */
    private synchronized boolean forget(String key) {
        return failures.remove(key) != null;
    }

    private Deque<Instant> recent(String key) {
        Deque<Instant> recent = failures.get(key);
        if (recent != null) {
            Instant horizon = clock.instant().minus(window);
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
                recent.removeFirst();
            }
        }
        return recent;
    }
}
