package dev.sluice.pep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A comma-separated list of {@link Specifier}s that must all hold, as in {@code Requires-Python} or a
 * requirement's version part. Behaves as {@code packaging.specifiers.SpecifierSet} (23.0): duplicate clauses
 * (by canonical form) count once, and pre-releases are admitted when any clause names one.
 */
public final class SpecifierSet {
    private static final SpecifierSet EMPTY = new SpecifierSet(Set.of());

    private final Set<Specifier> specifiers;

    private SpecifierSet(Set<Specifier> specifiers) {
        this.specifiers = specifiers;
    }

    public static SpecifierSet empty() {
        return EMPTY;
    }

    /**
     * Parses {@code ">=1.0, !=1.3"}; an empty or blank string is the empty set (admits everything).
     *
     * @throws InvalidSpecifierException naming the first clause that is not valid
     */
    public static SpecifierSet parse(String text) {
        Set<Specifier> parsed = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String clause = PythonText.strip(part);
            if (!clause.isEmpty()) {
                parsed.add(Specifier.parse(clause));
            }
        }
        return parsed.isEmpty() ? EMPTY : new SpecifierSet(parsed);
    }

    public boolean isEmpty() {
        return specifiers.isEmpty();
    }

    public Set<Specifier> specifiers() {
        return specifiers;
    }

    /** Null for the empty set (no opinion), else whether any clause names a pre-release. */
    public Boolean admitsPrereleases() {
        if (specifiers.isEmpty()) {
            return null;
        }
        for (Specifier s : specifiers) {
            if (s.admitsPrereleases()) {
                return true;
            }
        }
        return false;
    }

    public boolean contains(Version candidate) {
        return contains(candidate, null);
    }

    /**
     * Whether every clause admits the candidate.
     *
     * @param prereleases true or false to force whether pre-releases may match; null for the default
     */
    public boolean contains(Version candidate, Boolean prereleases) {
        Boolean allowPre = prereleases != null ? prereleases : admitsPrereleases();
        if (candidate.isPrerelease() && !Boolean.TRUE.equals(allowPre)) {
            return false;
        }
        for (Specifier s : specifiers) {
            if (!s.contains(candidate, allowPre)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The versions that satisfy the set, in input order. Pre-releases are included when asked for or when a
     * clause names one; with no clauses at all, pre-releases are returned only if nothing else is there. As in
     * packaging 23.0, a set with clauses does not fall back to pre-releases when no final release matches
     * (a single {@link Specifier#filter} does).
     */
    public List<Version> filter(List<Version> versions, Boolean prereleases) {
        Boolean allowPre = prereleases != null ? prereleases : admitsPrereleases();
        if (!specifiers.isEmpty()) {
            List<Version> result = versions;
            for (Specifier s : specifiers) {
                result = s.filter(result, Boolean.TRUE.equals(allowPre));
            }
            return result;
        }
        List<Version> finals = new ArrayList<>();
        List<Version> prereleaseOnly = new ArrayList<>();
        for (Version v : versions) {
            if (v.isPrerelease() && !Boolean.TRUE.equals(allowPre)) {
                if (finals.isEmpty()) {
                    prereleaseOnly.add(v);
                }
            } else {
                finals.add(v);
            }
        }
        return finals.isEmpty() && !prereleaseOnly.isEmpty() && allowPre == null ? prereleaseOnly : finals;
    }

    /** The clauses sorted and joined by commas, as packaging prints them. */
    @Override
    public String toString() {
        return specifiers.stream().map(Specifier::toString).sorted().collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecifierSet s && specifiers.equals(s.specifiers);
    }

    @Override
    public int hashCode() {
        return specifiers.hashCode();
    }
}
