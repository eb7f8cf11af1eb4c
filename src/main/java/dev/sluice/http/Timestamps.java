package dev.sluice.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Upload times as PyPI writes them, times as users write them in URLs, and as the web pages show them. */
public final class Timestamps {
    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LEGACY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter FOR_PEOPLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** {@code 2026-05-14 19:25 UTC}: a time as the web pages show it. */
    public static String forPeople(Instant instant) {
        return FOR_PEOPLE.format(instant);
    }

    /** {@code 2026-05-14T19:25:26.443120Z}: the simple API's upload-time and the JSON API's upload_time_iso_8601. */
    public static String iso(Instant instant) {
        return ISO_MICROS.format(instant);
    }

    /** {@code 2026-05-14T19:25:26}: the JSON API's older upload_time. */
    public static String legacy(Instant instant) {
        return LEGACY.format(instant);
    }

    /** An RFC 3339 time with any offset, or a date (midnight UTC); null when the text is neither. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException notATime) {
            try {
                return java.time.LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (java.time.format.DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
