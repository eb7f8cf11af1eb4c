package dev.sluice.testing;

import java.time.Duration;

/** Waits for what another thread (the usage log's writer, a starting process) makes true, within a bound. */
public final class Eventually {
    private static final Duration AT_MOST = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    private Eventually() {}

    /** A value to poll, whose reading may fail. */
    @FunctionalInterface
    public interface Probe<T> {
        T read() throws Exception;
    }

    /** A test on a polled value. */
    @FunctionalInterface
    public interface Condition<T> {
        boolean holds(T value) throws Exception;
    }

    /**
     * Polls {@code probe} until {@code condition} holds for its value, or ten seconds pass; returns the last value
     * either way, so that the caller's assertion says what was seen.
     */
    public static <T> T poll(Probe<T> probe, Condition<T> condition) throws Exception {
        return poll(AT_MOST, probe, condition);
    }

    /** As {@link #poll(Probe, Condition)}, within the given time. */
    public static <T> T poll(Duration atMost, Probe<T> probe, Condition<T> condition) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        T value = probe.read();
        while (!condition.holds(value) && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            value = probe.read();
        }
        return value;
    }

    /** Waits until {@code condition} holds, or ten seconds pass. @return whether it holds */
    public static boolean holds(Probe<Boolean> condition) throws Exception {
        return poll(condition, Boolean::booleanValue);
    }
}
