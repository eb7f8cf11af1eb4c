package dev.sluice.pep;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A project name in PEP 503 normal form: runs of {@code - _ .} become one {@code -}, letters are lower
 * case, so {@code Foo_Bar}, {@code foo.bar} and {@code FOO--bar} are one project. Only names valid under
 * PEP 508 (letters, digits, {@code . _ -}, starting and ending with a letter or digit) can be made.
 */
public final class ProjectName implements Comparable<ProjectName> {
    private static final Pattern VALID = Pattern.compile("[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SEPARATOR_RUNS = Pattern.compile("[-_.]+");

    private final String normalized;

    private ProjectName(String normalized) {
        this.normalized = normalized;
    }

    /**
     * The project a valid name denotes.
     *
     * @throws InvalidProjectNameException if the name is not valid under PEP 508
     */
    public static ProjectName of(String name) {
        if (!isValid(name)) {
            throw new InvalidProjectNameException(name);
        }
        return new ProjectName(normalize(name));
    }

    public static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    /** PEP 503 normalisation of any string (valid or not), as {@code packaging.utils.canonicalize_name}. */
    public static String normalize(String name) {
        return SEPARATOR_RUNS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
    }

    /** True when the name is already in normal form (a URL that is not should be redirected). */
    public static boolean isNormalized(String name) {
        return isValid(name) && normalize(name).equals(name);
    }

    public String value() {
        return normalized;
    }

    @Override
    public String toString() {
        return normalized;
    }

    @Override
    public int compareTo(ProjectName o) {
        return normalized.compareTo(o.normalized);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectName p && normalized.equals(p.normalized);
    }

    @Override
    public int hashCode() {
        return normalized.hashCode();
    }
}
