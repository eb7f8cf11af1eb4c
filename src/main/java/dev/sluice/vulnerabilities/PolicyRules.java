package dev.sluice.vulnerabilities;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A vulnerability policy as {@code sluice.toml} states it: an action per severity band ({@code critical}, {@code high},
 * {@code medium}, {@code low}, {@code unknown-severity}), and exceptions. Malware reports ({@code MAL-} records) are
 * always refused unless an exception names them.
 */
public record PolicyRules(Map<String, PolicyAction> actions, List<Exemption> exceptions) {
    /** The severity bands, as the config names them. */
    public static final List<String> BANDS = List.of("critical", "high", "medium", "low", "unknown-severity");

    /**
     * An advisory allowed anyway, with why and until when: after {@code expires} the policy applies again by itself.
     *
     * @param advisory an advisory id or one of its aliases (a CVE, a GHSA id)
     * @param project the one project it is allowed for, or null for every project
     */
    public record Exemption(String advisory, String project, String reason, Instant expires) {
        boolean covers(Advisory a, String normalProject, Instant now) {
            return now.isBefore(expires) && a.isNamed(advisory) && (project == null || project.equals(normalProject));
        }
    }

    PolicyAction actionFor(Advisory advisory) {
        if (advisory.malicious()) {
            return PolicyAction.REFUSE;
        }
        return actions.getOrDefault(advisory.severity().band().label(), PolicyAction.HIDE);
    }

    /** The exception that allows the advisory for the project now, or null. */
    Exemption exceptionFor(Advisory advisory, String normalProject, Instant now) {
        for (Exemption e : exceptions) {
            if (e.covers(advisory, normalProject, now)) {
                return e;
            }
        }
        return null;
    }

    /** The first time after {@code now} an exception expires (a decision made now holds until then), or null. */
    Instant nextExpiry(Instant now) {
        return exceptions.stream().map(Exemption::expires).filter(now::isBefore).min(Instant::compareTo).orElse(null);
    }
}
