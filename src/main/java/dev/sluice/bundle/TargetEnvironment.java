package dev.sluice.bundle;

import dev.sluice.pep.CompatibleTags;
import dev.sluice.pep.Version;
import java.util.List;
import java.util.Map;

/**
 * One kind of machine a bundle is for: a CPython version and a platform. It answers what an installer on such a
 * machine would: which wheels install ({@link #tags}), what PEP 508 markers see ({@link #markers}) and whether a
 * {@code Requires-Python} admits it. Unlike {@code pip download --platform}, markers are those of the target, not of
 * the machine that exports.
 *
 * @param python the version as given ({@code 3.11} or {@code 3.11.7})
 * @param platform the platform tag as given ({@code manylinux_2_28_x86_64}, {@code win_amd64}, ...)
 */
public record TargetEnvironment(String python, String platform, CompatibleTags tags, Map<String, String> markers) {

    /**
     * @throws IllegalArgumentException naming what is wrong with the version or the platform
     */
    public static TargetEnvironment of(String python, String platform) {
        if (python == null || !python.matches("3\\.[0-9]{1,2}(\\.[0-9]{1,2})?")) {
            throw new IllegalArgumentException("--python takes a CPython 3 version such as 3.11 or 3.11.7, not '" + python + "'");
        }
        if (platform == null || !platform.matches("[A-Za-z0-9_.-]+") || platform.equalsIgnoreCase("any")) {
            throw new IllegalArgumentException("--platform takes a wheel platform tag such as manylinux_2_28_x86_64 or"
                    + " win_amd64, not '" + platform + "'");
        }
        String[] parts = python.split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        List<String> platforms = CompatibleTags.platformsFor(platform);
        String tag = platforms.getFirst();
        String full = parts.length == 3 ? python : python + ".0";
        String system;
        String sysPlatform;
        String osName = "posix";
        if (tag.startsWith("win")) {
            system = "Windows";
            sysPlatform = "win32";
            osName = "nt";
        } else if (tag.startsWith("macosx")) {
            system = "Darwin";
            sysPlatform = "darwin";
        } else {
            system = "Linux";
            sysPlatform = "linux";
        }
        Map<String, String> markers = Map.ofEntries(
                Map.entry("python_version", major + "." + minor),
                Map.entry("python_full_version", full),
                Map.entry("implementation_name", "cpython"),
                Map.entry("implementation_version", full),
                Map.entry("platform_python_implementation", "CPython"),
                Map.entry("os_name", osName),
                Map.entry("sys_platform", sysPlatform),
                Map.entry("platform_system", system),
                Map.entry("platform_machine", machine(tag)),
                Map.entry("platform_release", ""),
                Map.entry("platform_version", ""));
        return new TargetEnvironment(python, platform, CompatibleTags.cpython(major, minor, platforms), markers);
    }

    /** What {@code platform.machine()} says on such a machine. */
    private static String machine(String tag) {
        return switch (tag) {
            case "win_amd64" -> "AMD64";
            case "win32" -> "x86";
            case "win_arm64" -> "ARM64";
            default -> {
                for (String arch : List.of("x86_64", "aarch64", "i686", "ppc64le", "s390x", "armv7l", "arm64", "riscv64")) {
                    if (tag.endsWith("_" + arch)) {
                        yield arch;
                    }
                }
                yield tag.endsWith("universal2") ? "arm64" : tag.substring(tag.lastIndexOf('_') + 1);
            }
        };
    }

    /** Whether a {@code Requires-Python} (null or blank: any) admits this Python. Unparseable: no, as pip skips it. */
    public boolean admits(String requiresPython) {
        if (requiresPython == null || requiresPython.isBlank()) {
            return true;
        }
        try {
            return dev.sluice.pep.SpecifierSet.parse(requiresPython).contains(Version.parse(python), true);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code Python 3.11 on manylinux_2_28_x86_64}: how reports name this target. */
    @Override
    public String toString() {
        return "Python " + python + " on " + platform;
    }
}
