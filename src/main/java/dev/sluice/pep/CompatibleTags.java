package dev.sluice.pep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wheel tags a CPython interpreter of one version on given platforms installs, best first, as packaging's
 * {@code cpython_tags} and {@code compatible_tags} list them for {@code pip download --platform P --python-version X.Y
 * --implementation cp}: {@code cp311-cp311-P}, {@code cp311-abi3-P}, {@code cp311-none-P}, older {@code abi3},
 * {@code py311-none-P} ... {@code py30-none-P}, {@code cp311-none-any}, {@code py311-none-any} ... A wheel's priority is
 * the best position of any of its tags; a wheel with none of them does not install there.
 */
public final class CompatibleTags {
    private final Map<String, Integer> rank = new LinkedHashMap<>();

    private CompatibleTags(List<String> ordered) {
        for (String tag : ordered) {
            rank.putIfAbsent(tag, rank.size());
        }
    }

    /**
     * @param major the Python major version (3)
     * @param minor its minor version (11)
     * @param platforms platform tags in order of preference, as {@link #platformsFor} lists them
     */
    public static CompatibleTags cpython(int major, int minor, List<String> platforms) {
        List<String> expanded = platforms.stream().distinct().toList();
        String cp = "cp" + major + minor;
        boolean abi3 = major == 3 && minor >= 2;
        List<String> tags = new ArrayList<>();
        expanded.forEach(p -> tags.add(cp + "-" + cp + "-" + p));
        if (abi3) {
            expanded.forEach(p -> tags.add(cp + "-abi3-" + p));
        }
        expanded.forEach(p -> tags.add(cp + "-none-" + p));
        if (abi3) {
            for (int older = minor - 1; older > 1; older--) {
                for (String p : expanded) {
                    tags.add("cp" + major + older + "-abi3-" + p);
                }
            }
        }
        List<String> pythons = new ArrayList<>(List.of("py" + major + minor, "py" + major));
        for (int older = minor - 1; older >= 0; older--) {
            pythons.add("py" + major + older);
        }
        for (String py : pythons) {
            expanded.forEach(p -> tags.add(py + "-none-" + p));
        }
        tags.add(cp + "-none-any");
        pythons.forEach(py -> tags.add(py + "-none-any"));
        return new CompatibleTags(tags);
    }

    /**
     * What a machine of this platform installs, best first. A {@code manylinux_2_X} (or legacy {@code manylinux2014},
     * {@code manylinux2010}, {@code manylinux1}) platform also takes every older glibc's wheels with their legacy names,
     * in packaging's order ({@code manylinux_2_28, manylinux_2_27, ..., manylinux_2_17, manylinux2014, ...}); any other
     * platform ({@code win_amd64}, {@code macosx_11_0_arm64}, {@code musllinux_1_2_x86_64}) is taken as it is.
     */
    public static List<String> platformsFor(String platform) {
        String p = platform.toLowerCase(java.util.Locale.ROOT).replace('-', '_').replace('.', '_');
        java.util.regex.Matcher m = MANYLINUX.matcher(p);
        if (!m.matches()) {
            return List.of(p);
        }
        String arch = m.group(4);
        int glibcMinor = m.group(1) != null ? Integer.parseInt(m.group(2))
                : switch (m.group(3)) {
                    case "2014" -> 17;
                    case "2010" -> 12;
                    default -> 5;
                };
        // Wheels for glibc older than 2.5 (x86) or 2.17 (other machines) never existed.
        int oldest = arch.equals("x86_64") || arch.equals("i686") ? 5 : 17;
        List<String> platforms = new ArrayList<>();
        for (int minor = glibcMinor; minor >= oldest; minor--) {
            platforms.add("manylinux_2_" + minor + "_" + arch);
            String legacy = switch (minor) {
                case 17 -> "manylinux2014";
                case 12 -> "manylinux2010";
                case 5 -> "manylinux1";
                default -> null;
            };
            if (legacy != null) {
                platforms.add(legacy + "_" + arch);
            }
        }
        return platforms;
    }

    private static final java.util.regex.Pattern MANYLINUX =
            java.util.regex.Pattern.compile("manylinux(?:(_2_)([0-9]+)|(2014|2010|1))_([a-z0-9_]+)");

    /** The wheel's best position in this list (0 is best), or -1 when none of its tags installs here. */
    public int priority(WheelFilename wheel) {
        int best = -1;
        for (WheelFilename.Tag tag : wheel.tags()) {
            Integer at = rank.get(tag.toString());
            if (at != null && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }

    /** Every tag, best first. */
    public List<String> tags() {
        return List.copyOf(rank.keySet());
    }
}
