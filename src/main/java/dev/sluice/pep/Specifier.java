package dev.sluice.pep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEP 440 version clause such as {@code >=1.2}, {@code ~=2.1.0}, {@code ==3.*} or {@code ===weird},
 * matching versions exactly as {@code packaging.specifiers.Specifier} (23.0) does, including its rules for
 * pre-releases ({@code <2.0} does not admit {@code 2.0rc1}), post-releases ({@code >1.0} does not admit
 * {@code 1.0.post1}) and local versions.
 */
public final class Specifier {
    private static final String SPACES = PythonText.SPACE_CLASS;
    private static final String NOT_SPACE_SEMICOLON_PAREN = "[^" + SPACES.substring(1, SPACES.length() - 1) + ";)]";
    private static final String PRE = "(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?";
    private static final String POST = "(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?";
    private static final String DEV = "(?:[-_.]?dev[-_.]?[0-9]*)?";
    private static final String LOCAL = "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?";
    private static final String EPOCH_RELEASE = "v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*";

    /** The operator alternatives, in packaging's order. */
    static final String OPERATOR_REGEX = "(?<operator>(?:~=|==|!=|<=|>=|<|>|===))";
    /** The version alternatives; each is guarded by a look-behind at the operator it belongs to. */
    static final String VERSION_REGEX = "(?<version>"
            + "(?:(?<====)" + SPACES + "*" + NOT_SPACE_SEMICOLON_PAREN + "*)"
            + "|(?:(?<===|!=)" + SPACES + "*" + EPOCH_RELEASE + "(?:\\.\\*|" + PRE + POST + DEV + LOCAL + ")?)"
            + "|(?:(?<=~=)" + SPACES + "*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+" + PRE + POST + DEV + ")"
            + "|(?:(?<!==|!=|~=)" + SPACES + "*" + EPOCH_RELEASE + PRE + POST + DEV + ")"
            + ")";
    private static final Pattern PATTERN = Pattern.compile(
            "^" + SPACES + "*" + OPERATOR_REGEX + VERSION_REGEX + SPACES + "*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern PRE_SUFFIX = Pattern.compile("^([0-9]+)((?:a|b|c|rc)[0-9]+)$");

    private final String operator;
    private final String version;

    private Specifier(String operator, String version) {
        this.operator = operator;
        this.version = version;
    }

    /**
     * Parses one clause.
     *
     * @throws InvalidSpecifierException when PEP 440 does not allow the clause
     */
    public static Specifier parse(String text) {
        Matcher m = PATTERN.matcher(text);
        if (!m.matches()) {
            throw new InvalidSpecifierException(text);
        }
        return new Specifier(PythonText.strip(m.group("operator")), PythonText.strip(m.group("version")));
    }

    /** Whether {@link #parse} accepts the text. */
    public static boolean isValid(String text) {
        return PATTERN.matcher(text).matches();
    }

    public String operator() {
        return operator;
    }

    /** The version as written in the clause (without the operator), e.g. {@code 1.0.*}. */
    public String version() {
        return version;
    }

    /**
     * Whether the clause itself names a pre-release ({@code >=1.0b1}, {@code ==2.0rc1.*}) and so admits
     * pre-releases by default.
     *
     * @throws InvalidVersionException for {@code ===} with a version that is not PEP 440 (as packaging)
     */
    public boolean admitsPrereleases() {
        if (operator.equals("==") || operator.equals(">=") || operator.equals("<=") || operator.equals("~=")
                || operator.equals("===")) {
            String v = operator.equals("==") && version.endsWith(".*") ? version.substring(0, version.length() - 2)
                    : version;
            return Version.parse(v).isPrerelease();
        }
        return false;
    }

    /** Containment with the default pre-release rule of {@link #admitsPrereleases()}. */
    public boolean contains(Version candidate) {
        return contains(candidate, null);
    }

    /**
     * Whether {@code candidate} satisfies the clause.
     *
     * @param prereleases true or false to force whether pre-releases may match; null for the default
     */
    public boolean contains(Version candidate, Boolean prereleases) {
        boolean allowPre = prereleases != null ? prereleases : admitsPrereleases();
        if (candidate.isPrerelease() && !allowPre) {
            return false;
        }
        return switch (operator) {
            case "~=" -> compatible(candidate, version);
            case "==" -> equal(candidate, version);
            case "!=" -> !equal(candidate, version);
            case "<=" -> candidate.publicVersion().compareTo(Version.parse(version)) <= 0;
            case ">=" -> candidate.publicVersion().compareTo(Version.parse(version)) >= 0;
            case "<" -> lessThan(candidate, Version.parse(version));
            case ">" -> greaterThan(candidate, Version.parse(version));
            case "===" -> candidate.toString().toLowerCase(Locale.ROOT).equals(version.toLowerCase(Locale.ROOT));
            default -> throw new IllegalStateException(operator);
        };
    }

    /**
     * PEP 440's filtering: the versions this clause admits, in their order; pre-releases only when asked for,
     * or when the clause names one, or when nothing else matches.
     */
    public List<Version> filter(List<Version> versions, Boolean prereleases) {
        List<Version> matched = new ArrayList<>();
        List<Version> prereleaseOnly = new ArrayList<>();
        boolean containsPre = prereleases == null || prereleases;
        for (Version v : versions) {
            if (contains(v, containsPre)) {
                if (v.isPrerelease() && !(Boolean.TRUE.equals(prereleases) || admitsPrereleases())) {
                    prereleaseOnly.add(v);
                } else {
                    matched.add(v);
                }
            }
        }
        return matched.isEmpty() ? prereleaseOnly : matched;
    }

    private static boolean compatible(Version candidate, String spec) {
        List<String> parts = new ArrayList<>();
        for (String part : versionSplit(spec)) {
            if (isSuffix(part)) {
                break;
            }
            parts.add(part);
        }
        String prefix = String.join(".", parts.subList(0, Math.max(0, parts.size() - 1))) + ".*";
        return candidate.publicVersion().compareTo(Version.parse(spec)) >= 0 && equal(candidate, prefix);
    }

    private static boolean equal(Version candidate, String spec) {
        if (spec.endsWith(".*")) {
            List<String> specParts = versionSplit(canonicalize(spec.substring(0, spec.length() - 2), false));
            List<String> candidateParts = versionSplit(candidate.publicVersion().canonical(true));
            List<String> padded = padRelease(candidateParts, specParts);
            return padded.subList(0, Math.min(specParts.size(), padded.size())).equals(specParts);
        }
        Version specVersion = Version.parse(spec);
        Version compared = specVersion.hasLocal() ? candidate : candidate.publicVersion();
        return compared.equals(specVersion);
    }

    private static boolean lessThan(Version candidate, Version spec) {
        if (candidate.compareTo(spec) >= 0) {
            return false;
        }
        // "<2.0" must not admit 2.0's own pre-releases, even though they sort below it.
        return spec.isPrerelease() || !candidate.isPrerelease()
                || !candidate.baseVersion().equals(spec.baseVersion());
    }

    private static boolean greaterThan(Version candidate, Version spec) {
        if (candidate.compareTo(spec) <= 0) {
            return false;
        }
        // ">1.0" must not admit 1.0's post-releases or 1.0+local, even though they sort above it.
        boolean sameBase = candidate.baseVersion().equals(spec.baseVersion());
        if (!spec.isPostrelease() && candidate.isPostrelease() && sameBase) {
            return false;
        }
        return !(candidate.hasLocal() && sameBase);
    }

    /** canonicalize_version of a string: the canonical form if it parses, else the string unchanged. */
    static String canonicalize(String text, boolean stripTrailingZeros) {
        return Version.isValid(text) ? Version.parse(text).canonical(stripTrailingZeros) : text;
    }

    /** Splits on dots, and splits "5rc1" into "5", "rc1", as the wildcard and ~= rules need. */
    private static List<String> versionSplit(String version) {
        List<String> result = new ArrayList<>();
        for (String item : version.split("\\.", -1)) {
            Matcher m = PRE_SUFFIX.matcher(item);
            if (m.matches()) {
                result.add(m.group(1));
                result.add(m.group(2));
            } else {
                result.add(item);
            }
        }
        return result;
    }

    private static boolean isSuffix(String segment) {
        return segment.startsWith("dev") || segment.startsWith("a") || segment.startsWith("b")
                || segment.startsWith("rc") || segment.startsWith("post");
    }

    /** Pads the numeric head of {@code left} with zeros to the numeric length of {@code right}. */
    private static List<String> padRelease(List<String> left, List<String> right) {
        int leftNumeric = numericPrefixLength(left);
        int rightNumeric = numericPrefixLength(right);
        List<String> padded = new ArrayList<>(left.subList(0, leftNumeric));
        padded.addAll(Collections.nCopies(Math.max(0, rightNumeric - leftNumeric), "0"));
        padded.addAll(left.subList(leftNumeric, left.size()));
        return padded;
    }

    private static int numericPrefixLength(List<String> parts) {
        int n = 0;
        while (n < parts.size() && PythonText.isAsciiDigits(parts.get(n))) {
            n++;
        }
        return n;
    }

    /** Equality key: operator plus canonical version (trailing zeros kept for {@code ~=}). */
    String canonicalKey() {
        return operator + canonicalize(version, !operator.equals("~="));
    }

    @Override
    public String toString() {
        return operator + version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Specifier s && canonicalKey().equals(s.canonicalKey());
    }

    @Override
    public int hashCode() {
        return canonicalKey().hashCode();
    }
}
