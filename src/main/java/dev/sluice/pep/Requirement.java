package dev.sluice.pep;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A PEP 508 dependency specifier, as found in {@code Requires-Dist}: a project name, optional extras, then
 * either a version specifier or a direct URL, and an optional environment marker. Parsed and printed as
 * {@code packaging.requirements.Requirement} (23.0) does.
 */
public final class Requirement {
    private final String name;
    private final Set<String> extras;
    private final SpecifierSet specifier;
    private final String url;
    private final Marker marker;

    private Requirement(String name, Set<String> extras, SpecifierSet specifier, String url, Marker marker) {
        this.name = name;
        this.extras = extras;
        this.specifier = specifier;
        this.url = url;
        this.marker = marker;
    }

    /**
     * Parses a requirement.
     *
     * @throws Pep508SyntaxException when it does not follow the PEP 508 grammar
     * @throws InvalidRequirementException when the grammar holds but the URL or a version clause is invalid
     */
    public static Requirement parse(String text) {
        Pep508Parser.ParsedRequirement parsed = Pep508Parser.parseRequirement(text);
        String url = null;
        if (!parsed.url().isEmpty()) {
            String problem = RequirementUrl.problem(parsed.url());
            if (problem != null) {
                throw new InvalidRequirementException(problem);
            }
            url = parsed.url();
        }
        SpecifierSet specifier;
        try {
            specifier = SpecifierSet.parse(parsed.specifier());
        } catch (InvalidSpecifierException e) {
            throw new InvalidRequirementException(e.getMessage());
        }
        Marker marker = parsed.marker() == null ? null : new Marker(parsed.marker());
        return new Requirement(parsed.name(), Collections.unmodifiableSet(new TreeSet<>(parsed.extras())), specifier,
                url, marker);
    }

    /** The name as written; {@link #projectName()} for the normal form. */
    public String name() {
        return name;
    }

    public ProjectName projectName() {
        return ProjectName.of(name);
    }

    /** Extras as written, sorted, without duplicates. */
    public Set<String> extras() {
        return extras;
    }

    public SpecifierSet specifier() {
        return specifier;
    }

    /** The direct URL, or null. */
    public String url() {
        return url;
    }

    /** The environment marker, or null. */
    public Marker marker() {
        return marker;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        if (!extras.isEmpty()) {
            sb.append('[').append(String.join(",", extras)).append(']');
        }
        if (!specifier.isEmpty()) {
            sb.append(specifier);
        }
        if (url != null) {
            sb.append("@ ").append(url);
            if (marker != null) {
                sb.append(' ');
            }
        }
        if (marker != null) {
            sb.append("; ").append(marker);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Requirement r && toString().equals(r.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
