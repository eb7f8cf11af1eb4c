package dev.sluice.config;

import dev.sluice.util.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * One table of a TOML file, read key by key: each getter checks the value's type and form and records a
 * {@link ConfigError} with the key's line instead of throwing, so that one pass reports every problem. It
 * remembers which keys were read, so that {@link #rejectUnknownKeys()} can name the rest (typos included).
 */
final class TomlSection {
    private final String file;
    private final TomlTable table;
    private final String path;
    private final int line;
    private final List<ConfigError> errors;
    private final Set<String> read = new LinkedHashSet<>();

    TomlSection(String file, TomlTable table, String path, int line, List<ConfigError> errors) {
        this.file = file;
        this.table = table;
        this.path = path;
        this.line = line;
        this.errors = errors;
    }

    String path() {
        return path;
    }

    /** The dotted path of a key of this table, for messages. */
    String keyPath(String key) {
        String quoted = key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
        return path.isEmpty() ? quoted : path + "." + quoted;
    }

    int lineOf(String key) {
        TomlPosition position = table.inputPositionOf(List.of(key));
        return position == null ? line : position.line();
    }

    void error(String key, String message) {
        errors.add(new ConfigError(file, lineOf(key), keyPath(key), message));
    }

    /** An error about the table itself. */
    void tableError(String message) {
        errors.add(new ConfigError(file, line, path, message));
    }

    boolean has(String key) {
        read.add(key);
        return table.get(List.of(key)) != null;
    }

    Set<String> keys() {
        return table.keySet();
    }

    private <T> T typed(String key, Class<T> type, String what) {
        read.add(key);
        Object value = table.get(List.of(key));
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            error(key, "must be " + what + ", not " + describe(value));
            return null;
        }
        return type.cast(value);
    }

    String string(String key) {
        return typed(key, String.class, "a string");
    }

    String requiredString(String key) {
        String value = string(key);
        if (value == null && table.get(List.of(key)) == null) {
            tableError("missing key '" + key + "'");
        }
        return value;
    }

    Long integer(String key) {
        return typed(key, Long.class, "a whole number");
    }

    Boolean bool(String key) {
        return typed(key, Boolean.class, "true or false");
    }

    TomlSection table(String key) {
        TomlTable t = typed(key, TomlTable.class, "a table");
        return t == null ? null : new TomlSection(file, t, keyPath(key), lineOf(key), errors);
    }

    /** A list of strings; a single string is taken as a list of one. Empty when absent. */
    List<String> strings(String key) {
        read.add(key);
        Object value = table.get(List.of(key));
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        if (!(value instanceof TomlArray array) || !array.toList().stream().allMatch(String.class::isInstance)) {
            error(key, "must be a list of strings, not " + describe(value));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            out.add(array.getString(i));
        }
        return List.copyOf(out);
    }

    /** A list of tables ({@code [[key]]} or {@code key = [{...}, ...]}), each as a section; empty when absent. */
    List<TomlSection> tables(String key) {
        read.add(key);
        Object value = table.get(List.of(key));
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof TomlArray array) || !array.toList().stream().allMatch(TomlTable.class::isInstance)) {
            error(key, "must be a list of tables, not " + describe(value));
            return List.of();
        }
        List<TomlSection> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            TomlTable t = array.getTable(i);
            TomlPosition at = array.inputPositionOf(i);
            out.add(new TomlSection(file, t, keyPath(key) + "[" + (i + 1) + "]", at == null ? lineOf(key) : at.line(), errors));
        }
        return out;
    }

    /** A time: a TOML date or date-time, or a string holding an RFC 3339 time or a date (midnight UTC). */
    java.time.Instant time(String key) {
        read.add(key);
        Object value = table.get(List.of(key));
        return switch (value) {
            case null -> null;
            case java.time.LocalDate d -> d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            case java.time.OffsetDateTime t -> t.toInstant();
            case java.time.LocalDateTime t -> t.toInstant(java.time.ZoneOffset.UTC);
            case String s -> {
                java.time.Instant parsed = dev.sluice.http.Timestamps.parse(s);
                if (parsed == null) {
                    error(key, "'" + s + "' is not a date (2027-01-31) or an RFC 3339 time");
                }
                yield parsed;
            }
            default -> {
                error(key, "must be a date or a time, not " + describe(value));
                yield null;
            }
        };
    }

    /** A value read by a parser that throws IllegalArgumentException with the message for the user. */
    <T> T parsed(String key, Function<String, T> parser) {
        String text = string(key);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            error(key, e.getMessage());
            return null;
        }
    }

    Duration duration(String key) {
        return parsed(key, Durations::parse);
    }

    /** A table of string values, in the order written. */
    Map<String, String> stringTable(String key) {
        TomlSection section = table(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (section != null) {
            for (String k : section.keys()) {
                String v = section.string(k);
                if (v != null) {
                    out.put(k, v);
                }
            }
        }
        return out;
    }

    /** Records an error for every key of this table that no getter asked for. */
    void rejectUnknownKeys() {
        for (String key : table.keySet()) {
            if (!read.contains(key)) {
                String near = closest(key, read);
                error(key, "unknown key" + (near == null ? "" : " (did you mean '" + near + "'?)")
                        + "; expected " + String.join(", ", read));
            }
        }
    }

    /** The candidate a typo most likely meant (at most two edits away), or null. */
    static String closest(String typo, java.util.Collection<String> candidates) {
        return candidates.stream().filter(c -> editDistance(typo, c) <= 2)
                .min(Comparator.comparingInt(c -> editDistance(typo, c))).orElse(null);
    }

    private static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    private static String describe(Object value) {
        return switch (value) {
            case String s -> "the string \"" + s + "\"";
            case Long n -> "the number " + n;
            case Double d -> "the number " + d;
            case Boolean b -> b.toString();
            case TomlTable t -> "a table";
            case TomlArray a -> "a list with " + a.toList().stream().filter(v -> !(v instanceof String)).findFirst()
                    .map(TomlSection::describe).orElse("nothing in it");
            default -> "a date or time";
        };
    }
}
