package dev.sluice.pep;

import dev.sluice.fuzz.Fuzzing;
import java.util.Map;

/**
 * Fuzz target for every PEP parser: the first byte picks the parser, the rest is its text. Each refuses bad
 * text with its own IllegalArgumentException subtype; what parses must survive printing and parsing again.
 */
public final class PepParsersFuzz {
    private static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("python_version", "3.12"), Map.entry("python_full_version", "3.12.1"),
            Map.entry("os_name", "posix"), Map.entry("sys_platform", "linux"), Map.entry("platform_release", "6.1"),
            Map.entry("platform_system", "Linux"), Map.entry("platform_version", "#1"),
            Map.entry("platform_machine", "x86_64"), Map.entry("platform_python_implementation", "CPython"),
            Map.entry("implementation_name", "cpython"), Map.entry("implementation_version", "3.12.1"));

    private PepParsersFuzz() {}

    public static void fuzzerTestOneInput(byte[] data) {
        if (data.length == 0) {
            return;
        }
        String text = Fuzzing.text(java.util.Arrays.copyOfRange(data, 1, data.length));
        try {
            switch (Byte.toUnsignedInt(data[0]) % 7) {
                case 0 -> {
                    Version v = Version.parse(text);
                    Fuzzing.check(Version.parse(v.toString()).compareTo(v) == 0, "a version reads back as itself");
                }
                case 1 -> {
                    Specifier s = Specifier.parse(text);
                    Fuzzing.check(Specifier.parse(s.toString()).toString().equals(s.toString()), "a specifier reads back as itself");
                }
                case 2 -> SpecifierSet.parse(text).contains(Version.parse("1.0"));
                case 3 -> Requirement.parse(text);
                case 4 -> {
                    Marker m = Marker.parse(text);
                    try {
                        m.evaluate(ENVIRONMENT);
                    } catch (MarkerEvaluationException refused) {
                        // a marker may name a variable the environment lacks or compare a non-version
                    }
                }
                case 5 -> {
                    ProjectName n = ProjectName.of(text);
                    Fuzzing.check(ProjectName.isNormalized(n.value()), "a project name normalizes");
                }
                default -> DistributionFilename.parse(text);
            }
        } catch (InvalidVersionException | InvalidSpecifierException | InvalidRequirementException
                | Pep508SyntaxException | InvalidProjectNameException | InvalidFilenameException refused) {
            // the typed refusal each parser promises
        }
    }
}
