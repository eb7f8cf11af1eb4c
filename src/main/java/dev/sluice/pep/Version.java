package dev.sluice.pep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version: parsed, normalised and ordered exactly as Python's {@code packaging.version.Version}.
 *
 * <p>Accepts every spelling PEP 440 allows (epochs, {@code alpha/beta/c/pre/preview}, {@code rev/r}, the
 * implicit post release {@code 1.0-1}, separators {@code . - _}, any case, a leading {@code v}, local
 * versions, surrounding whitespace) and nothing else: {@code 2007d} or {@code 1.0-beta.2} are refused.
 * Numbers have no size limit. Two versions are equal when packaging says they are ({@code 1.0 == 1.0.0}),
 * so use {@link #toString()} when the spelling matters.
 */
public final class Version implements Comparable<Version> {
    private static final Pattern PATTERN = Pattern.compile(
            "^" + PythonText.SPACE_CLASS + "*v?"
                    + "(?:(?<epoch>[0-9]+)!)?"
                    + "(?<release>[0-9]+(?:\\.[0-9]+)*)"
                    + "(?<pre>[-_.]?(?<prel>a|b|c|rc|alpha|beta|pre|preview)[-_.]?(?<pren>[0-9]+)?)?"
                    + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
                    + "(?<dev>[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?"
                    + PythonText.SPACE_CLASS + "*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCAL_SEPARATORS = Pattern.compile("[._-]");

    private final String epoch;
    private final String[] release;
    /** One of "a", "b", "rc", or null. */
    private final String preLabel;
    private final String preNumber;
    private final String post;
    private final String dev;
    /** Local segment parts, lower case; numeric parts without leading zeros. Null when there is none. */
    private final String[] local;
    private final int hash;

    private Version(String epoch, String[] release, String preLabel, String preNumber, String post, String dev,
            String[] local) {
        this.epoch = epoch;
        this.release = release;
        this.preLabel = preLabel;
        this.preNumber = preNumber;
        this.post = post;
        this.dev = dev;
        this.local = local;
        this.hash = computeHash();
    }

    /**
     * Parses a version string.
     *
     * @throws InvalidVersionException if the string is not a PEP 440 version
     */
    public static Version parse(String text) {
        Matcher m = PATTERN.matcher(text);
        if (!m.matches()) {
            throw new InvalidVersionException(text);
        }
        String epoch = m.group("epoch") == null ? "0" : Digits.canonical(m.group("epoch"));
        String[] release = m.group("release").split("\\.");
        for (int i = 0; i < release.length; i++) {
            release[i] = Digits.canonical(release[i]);
        }
        String preLabel = null;
        String preNumber = null;
        if (m.group("prel") != null) {
            preLabel = switch (m.group("prel").toLowerCase(java.util.Locale.ROOT)) {
                case "a", "alpha" -> "a";
                case "b", "beta" -> "b";
                default -> "rc";
            };
            preNumber = numberOrZero(m.group("pren"));
        }
        String post = null;
        if (m.group("postn1") != null) {
            post = Digits.canonical(m.group("postn1"));
        } else if (m.group("postl") != null) {
            post = numberOrZero(m.group("postn2"));
        }
        String dev = m.group("devl") == null ? null : numberOrZero(m.group("devn"));
        String[] local = null;
        if (m.group("local") != null) {
            local = LOCAL_SEPARATORS.split(m.group("local"));
            for (int i = 0; i < local.length; i++) {
                local[i] = PythonText.isAsciiDigits(local[i])
                        ? Digits.canonical(local[i])
                        : local[i].toLowerCase(java.util.Locale.ROOT);
            }
        }
        return new Version(epoch, release, preLabel, preNumber, post, dev, local);
    }

    /** True when {@link #parse} would accept the string. */
    public static boolean isValid(String text) {
        return PATTERN.matcher(text).matches();
    }

    private static String numberOrZero(String digits) {
        return digits == null ? "0" : Digits.canonical(digits);
    }

    public String epoch() {
        return epoch;
    }

    public List<String> release() {
        return List.of(release);
    }

    public boolean isPrerelease() {
        return preLabel != null || dev != null;
    }

    public boolean isPostrelease() {
        return post != null;
    }

    public boolean isDevrelease() {
        return dev != null;
    }

    public boolean hasLocal() {
        return local != null;
    }

    /** The local segment in normal form ({@code abc.7}), or null. */
    public String local() {
        return local == null ? null : String.join(".", local);
    }

    /** This version without its local segment. */
    public Version publicVersion() {
        return local == null ? this : new Version(epoch, release, preLabel, preNumber, post, dev, null);
    }

    /** Epoch and release only ({@code 1!2.0} of {@code 1!2.0rc1.post2+x}). */
    public Version baseVersion() {
        return new Version(epoch, release, null, null, null, null, null);
    }

    /** The normal form, as {@code str(Version(...))} prints it. */
    @Override
    public String toString() {
        return format(false);
    }

    /**
     * The form of {@code packaging.utils.canonicalize_version}: like {@link #toString()}, but trailing
     * {@code .0} release components are dropped when {@code stripTrailingZeros} is set.
     */
    public String canonical(boolean stripTrailingZeros) {
        return format(stripTrailingZeros);
    }

    private String format(boolean stripTrailingZeros) {
        StringBuilder sb = new StringBuilder(16);
        if (!Digits.isZero(epoch)) {
            sb.append(epoch).append('!');
        }
        int length = stripTrailingZeros ? significantReleaseLength() : release.length;
        for (int i = 0; i < Math.max(length, 1); i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(release[i]);
        }
        if (preLabel != null) {
            sb.append(preLabel).append(preNumber);
        }
        if (post != null) {
            sb.append(".post").append(post);
        }
        if (dev != null) {
            sb.append(".dev").append(dev);
        }
        if (local != null) {
            sb.append('+').append(local());
        }
        return sb.toString();
    }

    /** The release length once trailing zeros are dropped, as the ordering rules see it. */
    private int significantReleaseLength() {
        int n = release.length;
        while (n > 0 && Digits.isZero(release[n - 1])) {
            n--;
        }
        return n;
    }

    @Override
    public int compareTo(Version other) {
        int c = Digits.compare(epoch, other.epoch);
        if (c != 0) {
            return c;
        }
        c = compareRelease(other);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(preRank(), other.preRank());
        if (c == 0 && preLabel != null) {
            c = preLabel.compareTo(other.preLabel);
            if (c == 0) {
                c = Digits.compare(preNumber, other.preNumber);
            }
        }
        if (c != 0) {
            return c;
        }
        c = compareOptional(post, other.post, -1);
        if (c != 0) {
            return c;
        }
        c = compareOptional(dev, other.dev, +1);
        if (c != 0) {
            return c;
        }
        return compareLocal(other);
    }

    private int compareRelease(Version other) {
        int n = significantReleaseLength();
        int m = other.significantReleaseLength();
        for (int i = 0; i < Math.min(n, m); i++) {
            int c = Digits.compare(release[i], other.release[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(n, m);
    }

    /**
     * Where the pre-release segment sorts: a dev release of a final version ({@code 1.0.dev0}) before every
     * pre-release, versions without a pre-release after them, real pre-releases by label and number.
     */
    private int preRank() {
        if (preLabel == null && post == null && dev != null) {
            return -1;
        }
        return preLabel == null ? 1 : 0;
    }

    /** Compares optional numbers where absence sorts first (-1) or last (+1). */
    private static int compareOptional(String a, String b, int absentSorts) {
        if (a == null || b == null) {
            return a == null && b == null ? 0 : (a == null ? absentSorts : -absentSorts);
        }
        return Digits.compare(a, b);
    }

    /** Local segments: absent first; numeric parts after alphanumeric ones; then by length. */
    private int compareLocal(Version other) {
        if (local == null || other.local == null) {
            return local == other.local ? 0 : (local == null ? -1 : 1);
        }
        for (int i = 0; i < Math.min(local.length, other.local.length); i++) {
            boolean numeric = PythonText.isAsciiDigits(local[i]);
            boolean otherNumeric = PythonText.isAsciiDigits(other.local[i]);
            int c;
            if (numeric != otherNumeric) {
                c = numeric ? 1 : -1;
            } else {
                c = numeric ? Digits.compare(local[i], other.local[i]) : local[i].compareTo(other.local[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(local.length, other.local.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && hash == v.hash && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    private int computeHash() {
        List<String> key = new ArrayList<>();
        key.add(epoch);
        key.addAll(Arrays.asList(release).subList(0, significantReleaseLength()));
        key.add("|" + preRank() + preLabel + preNumber + "|" + post + "|" + dev);
        if (local != null) {
            key.add("+");
            key.addAll(Arrays.asList(local));
        }
        return key.hashCode();
    }
}
