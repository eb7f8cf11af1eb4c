package dev.sluice.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations such as {@code 30s}, {@code 10m}, {@code 2h} or {@code 7d}. */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    @Override
    public Duration convert(String value) {
        Matcher m = DURATION.matcher(value.strip());
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 30s, 10m, 2h or 7d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
