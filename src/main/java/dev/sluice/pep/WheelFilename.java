package dev.sluice.pep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl} (PEP 427, PEP 491, and the binary
 * distribution format spec). Compressed tag sets ({@code py2.py3-none-any}) expand to every combination.
 * Names may be the normalised form ({@code foo_bar}) or a legacy one ({@code Foo.Bar}); either way they must
 * be valid project names.
 */
public record WheelFilename(String filename, String normalizedName, Version version, String buildNumber,
        String buildSuffix, List<Tag> tags) implements DistributionFilename {

    /** One interpreter-abi-platform tag, lower case. */
    public record Tag(String interpreter, String abi, String platform) {
        @Override
        public String toString() {
            return interpreter + "-" + abi + "-" + platform;
        }
    }

    private static final Pattern NAME_PART = Pattern.compile("[\\w._]*", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern BUILD_TAG = Pattern.compile("([0-9]+)(.*)", Pattern.DOTALL);
    /**
     * What a build tag or one compatibility tag may hold. Real ones are ASCII letters, digits and '_'; anything else
     * (spaces, quotes, '$()', '<>', a bidi override) is an attack on whatever shows or shells the filename.
     */
    private static final Pattern TAG_CHARACTERS = Pattern.compile("[A-Za-z0-9_]*");

    static WheelFilename parse(String filename) {
        String stem = filename.substring(0, filename.length() - ".whl".length());
        int dashes = (int) stem.chars().filter(c -> c == '-').count();
        if (dashes != 4 && dashes != 5) {
            throw new InvalidFilenameException(filename, "a wheel name has five or six parts separated by '-'"
                    + " (name-version[-build]-python-abi-platform), this one has " + (dashes + 1));
        }
        String[] parts = stem.split("-", -1);
        String namePart = parts[0];
        if (namePart.contains("__") || !NAME_PART.matcher(namePart).matches() || !ProjectName.isValid(namePart)) {
            throw new InvalidFilenameException(filename, "'" + namePart + "' is not a valid project name");
        }
        Version version;
        try {
            version = Version.parse(parts[1]);
        } catch (InvalidVersionException e) {
            throw new InvalidFilenameException(filename, "'" + parts[1] + "' is not a PEP 440 version");
        }
        String buildNumber = null;
        String buildSuffix = null;
        if (dashes == 5) {
            requireTagCharacters(filename, "build tag", parts[2]);
            Matcher m = BUILD_TAG.matcher(parts[2]);
            if (!m.matches()) {
                throw new InvalidFilenameException(filename, "the build tag '" + parts[2] + "' must start with a digit");
            }
            buildNumber = Digits.canonical(m.group(1));
            buildSuffix = m.group(2);
        }
        List<Tag> tags = expandTags(filename, parts[dashes - 2], parts[dashes - 1], parts[dashes]);
        return new WheelFilename(filename, ProjectName.normalize(namePart), version, buildNumber, buildSuffix, tags);
    }

    @Override
    public String slot() {
        String build = buildNumber == null ? "" : buildNumber + buildSuffix.toLowerCase(Locale.ROOT);
        return version.canonical(true) + " wheel " + build + " "
                + String.join(".", tags.stream().map(Tag::toString).sorted().toList());
    }

    private static void requireTagCharacters(String filename, String what, String text) {
        if (!TAG_CHARACTERS.matcher(text).matches()) {
            throw new InvalidFilenameException(filename, "a " + what + " must not hold characters other than ASCII letters,"
                    + " digits and '_'");
        }
    }

    /**
     * The filename as the binary distribution format writes it: the project name escaped ({@code -_.} runs as one
     * {@code _}, lower case), the version in PEP 440 normal form, the tags in lower case. Uploads must use it, as
     * PyPI requires: every other spelling would be a second name for the same file.
     */
    public String normalForm() {
        String stem = filename.substring(0, filename.length() - ".whl".length());
        String[] parts = stem.split("-", -1);
        StringBuilder out = new StringBuilder(normalizedName.replace('-', '_')).append('-').append(version);
        if (buildNumber != null) {
            out.append('-').append(parts[2]);
        }
        for (int i = parts.length - 3; i < parts.length; i++) {
            out.append('-').append(parts[i].toLowerCase(Locale.ROOT));
        }
        return out.append(".whl").toString();
    }

    private static List<Tag> expandTags(String filename, String interpreters, String abis, String platforms) {
        List<Tag> tags = new ArrayList<>();
        for (String interpreter : interpreters.split("\\.", -1)) {
            for (String abi : abis.split("\\.", -1)) {
                for (String platform : platforms.split("\\.", -1)) {
                    if (interpreter.isEmpty() || abi.isEmpty() || platform.isEmpty()) {
                        throw new InvalidFilenameException(filename, "empty compatibility tag");
                    }
                    requireTagCharacters(filename, "compatibility tag", interpreter + abi + platform);
                    Tag tag = new Tag(interpreter.toLowerCase(Locale.ROOT), abi.toLowerCase(Locale.ROOT),
                            platform.toLowerCase(Locale.ROOT));
                    if (!tags.contains(tag)) {
                        tags.add(tag);
                    }
                }
            }
        }
        return Collections.unmodifiableList(tags);
    }
}
