package dev.sluice.moderation;

import dev.sluice.pep.SpecifierSet;
import dev.sluice.pep.Version;
import java.time.Instant;
import java.util.Locale;

/**
 * A decision about what a moderation gate serves: approve or deny a whole project, a range of its versions (a PEP 440
 * specifier, prereleases included when they match) or one file, until an optional expiry. Made by a person, or by a
 * rule ({@code decidedBy} is then {@code rule:NAME}).
 */
public record Decision(String id, String gate, String project, Kind kind, String scope, boolean approve, String reason,
        String decidedBy, Instant decided, Instant expires) {

    /** Ranges parsed once: a gate checks the same few on every request (there are as many as decisions, at most). */
    private static final java.util.Map<String, SpecifierSet> RANGES = new java.util.concurrent.ConcurrentHashMap<>();

    /** What a decision covers. */
    public enum Kind {
        PROJECT, VERSIONS, FILE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind parse(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    /** Whether it applies at {@code now} to this file of the project. */
    boolean covers(Version version, String filename, Instant now) {
        if (expires != null && !now.isBefore(expires)) {
            return false;
        }
        return switch (kind) {
            case PROJECT -> true;
            case VERSIONS -> RANGES.computeIfAbsent(scope, SpecifierSet::parse).contains(version, true);
            case FILE -> scope.equals(filename);
        };
    }

    /** As people read it: {@code approve demo >=2,<3 until 2027-01-01 (alice: reviewed)}. */
    public String describe() {
        return (approve ? "approve " : "deny ") + project + (scope.isEmpty() ? "" : " " + scope)
                + (expires == null ? "" : " until " + expires) + " (" + decidedBy + (reason == null ? "" : ": " + reason) + ")";
    }
}
