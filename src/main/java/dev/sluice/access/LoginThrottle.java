package dev.sluice.access;

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
 * with that wait as Retry-After, without checking the credentials at all. Kept in memory per node, bounded.
 */
public final class LoginThrottle {
    private static final int MAX_KEYS = 100_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new LruMap<>(MAX_KEYS);

    public LoginThrottle(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Seconds the key must wait, or 0 when it may try. */
    public synchronized long retryAfterSeconds(String key) {
        Deque<Instant> recent = recent(key);
        if (recent == null || recent.size() < limit) {
            return 0;
        }
        return Math.max(1, Duration.between(clock.instant(), recent.peekFirst().plus(window)).toSeconds() + 1);
    }

    public synchronized void failed(String key) {
        Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        recent.addLast(clock.instant());
        while (recent.size() > limit) {
            recent.removeFirst();
        }
    }

    public synchronized void succeeded(String key) {
        failures.remove(key);
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
