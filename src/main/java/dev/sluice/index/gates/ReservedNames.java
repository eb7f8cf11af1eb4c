package dev.sluice.index.gates;

import dev.sluice.pep.ProjectName;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Exact names and prefixes ({@code acme-*}) reserved for the organisation, compared in normal form: what a
 * {@link Reserve} gate keeps from its upstream, and what a first hosted upload may take without a claim.
 */
public final class ReservedNames {
    private final Set<String> names;
    private final List<String> prefixes;

    private ReservedNames(Set<String> names, List<String> prefixes) {
        this.names = names;
        this.prefixes = prefixes;
    }

    /** @param reserved exact names, or prefixes ending in {@code *}, in any spelling */
    public static ReservedNames of(List<String> reserved) {
        return new ReservedNames(reserved.stream().filter(r -> !r.endsWith("*")).map(ProjectName::normalize).collect(Collectors.toSet()),
                reserved.stream().filter(r -> r.endsWith("*")).map(r -> ProjectName.normalize(r.substring(0, r.length() - 1))).toList());
    }

    /** Why a name is reserved, or null when it is not. */
    public String reason(ProjectName name) {
        if (names.contains(name.value())) {
            return "'" + name + "' is reserved for internal packages";
        }
        for (String prefix : prefixes) {
            if (name.value().startsWith(prefix)) {
                return "'" + name + "' is under the reserved prefix '" + prefix + "*': internal packages only";
            }
        }
        return null;
    }
}
