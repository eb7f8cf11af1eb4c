package dev.sluice.vulnerabilities;

import dev.sluice.pep.ProjectName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An advisory as matching and policy use it, without its long texts: its id, the ids of the same vulnerability in other
 * databases, whether it reports malware, its severity, and the PyPI packages it affects.
 */
record Advisory(String id, List<String> aliases, boolean malicious, Severity severity, String summary,
        List<AffectedPackage> affected) {

    static Advisory of(OsvRecord r) {
        String summary = r.summary() == null ? null : r.summary().length() > 200 ? r.summary().substring(0, 200) + "..." : r.summary();
        return new Advisory(r.id(), r.aliases(), r.malicious(), r.severity(), summary, r.affected());
    }

    /** Whether the two name the same vulnerability: one lists the other among its aliases. */
    boolean sameAs(Advisory other) {
        return aliases.contains(other.id) || other.aliases.contains(id)
                || aliases.stream().anyMatch(other.aliases::contains);
    }

    /** This advisory shown for itself and another of the same vulnerability: aliases joined, the worse severity kept. */
    Advisory joinedWith(Advisory other) {
        Set<String> joined = new LinkedHashSet<>(aliases);
        joined.add(other.id);
        joined.addAll(other.aliases);
        joined.remove(id);
        Severity worse = other.severity.compareWorse(severity) < 0 ? other.severity : severity;
        return new Advisory(id, List.copyOf(joined), malicious || other.malicious, worse, summary == null ? other.summary : summary,
                affected);
    }

    /** Worst first: malware reports, then by severity band and score. */
    static final java.util.Comparator<Advisory> WORST_FIRST = java.util.Comparator.comparing((Advisory a) -> !a.malicious())
            .thenComparing(Advisory::severity, Severity::compareWorse);

    /** Which of several records of one vulnerability is shown: malware reports, then PYSEC, then GHSA, then others. */
    int rank() {
        return malicious ? 0 : id.startsWith("PYSEC-") ? 1 : id.startsWith("GHSA-") ? 2 : 3;
    }

    /** The versions that fix it in a project (every project when null), lowest first, as Warehouse's {@code fixed_in}. */
    List<String> fixedIn(ProjectName project) {
        return affected.stream().filter(p -> project == null || p.project().equals(project)).flatMap(p -> p.fixedIn().stream())
                .distinct().toList();
    }

    /** Whether its id or an alias is this name (policy exceptions may name either). */
    boolean isNamed(String name) {
        return id.equalsIgnoreCase(name) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(name));
    }
}
