package dev.sluice.util;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times as the catalog keeps them: microseconds since the epoch, UTC, in a BIGINT. It is PyPI's precision for
 * upload times, and a number both SQLite and PostgreSQL compare and index alike.
 */
public final class Micros {
    private Micros() {}

    public static long of(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** The inverse of {@link #of(Instant)}. */
    public static Instant toInstant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
