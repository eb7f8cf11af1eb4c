package dev.sluice.pep;

import java.util.Locale;

/**
 * A project name in PEP 503 normal form: runs of {@code - _ .} become one {@code -}, letters are lower
 * case, so {@code Foo_Bar}, {@code foo.bar} and {@code FOO--bar} are one project. Only names valid under
 * PEP 508 (letters, digits, {@code . _ -}, starting and ending with a letter or digit) can be made.
 */
public final class ProjectName implements Comparable<ProjectName> {
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

    /**
     * {@code [A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9]}, ASCII, any case. Written out rather than as a regular
     * expression: every simple API request asks, and the matcher was a tenth of a small page's cost.
     */
    public static boolean isValid(String name) {
        int n = name.length();
        if (n == 0 || !isLetterOrDigit(name.charAt(0)) || !isLetterOrDigit(name.charAt(n - 1))) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            char c = name.charAt(i);
            if (!isLetterOrDigit(c) && !isSeparator(c)) {
                return false;
            }
        }
        return true;
    }

    /** PEP 503 normalisation of any string (valid or not), as {@code packaging.utils.canonicalize_name}. */
    public static String normalize(String name) {
        StringBuilder collapsed = null; // made only when a run of separators is not already a single '-'
        int n = name.length();
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (!isSeparator(c)) {
                if (collapsed != null) {
                    collapsed.append(c);
                }
                continue;
            }
            int end = i + 1;
            while (end < n && isSeparator(name.charAt(end))) {
                end++;
            }
            if (collapsed == null && (c != '-' || end - i > 1)) {
                collapsed = new StringBuilder(n).append(name, 0, i);
            }
            if (collapsed != null) {
                collapsed.append('-');
            }
            i = end - 1;
        }
        return (collapsed == null ? name : collapsed.toString()).toLowerCase(Locale.ROOT);
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == '.';
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
