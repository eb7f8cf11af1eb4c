package dev.sluice.testing;

import dev.sluice.testing.Archives.Content;
import dev.sluice.testing.Archives.ZipWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Small real wheels written directly (no build backend): enough for pip to install them. */
public final class Wheels {
    private Wheels() {}

    /** Writes {@code {name}-{version}-py3-none-any.whl} into {@code dir} and returns it. */
    public static Path wheel(Path dir, String name, String version, String... requiresDist) throws IOException {
        return wheelRequiringPython(dir, name, version, null, requiresDist);
    }

    /** As {@link #wheel}, with a Requires-Python (null for none). */
    public static Path wheelRequiringPython(Path dir, String name, String version, String requiresPython, String... requiresDist)
            throws IOException {
        return wheelWith(dir, name, version, requiresPython, java.util.Map.of(), requiresDist);
    }

    /** As {@link #wheel}, with more files (name to text, in the wheel's root; listed in RECORD). */
    public static Path wheelWith(Path dir, String name, String version, java.util.Map<String, String> files) throws IOException {
        return wheelWith(dir, name, version, null, files);
    }

    /** As {@link #wheel}, with more core-metadata header lines ({@code "License-Expression: MIT"}). */
    public static Path wheelWithMetadata(Path dir, String name, String version, String... headerLines) throws IOException {
        return wheelWith(dir, name, version, null, java.util.Map.of(), java.util.List.of(headerLines));
    }

    /**
     * {@code {name}-{version}-{tag}.whl}: a wheel that claims a platform ({@code cp311-cp311-manylinux_2_17_x86_64}),
     * its files still pure Python.
     */
    public static Path tagged(Path dir, String name, String version, String tag, String... requiresDist) throws IOException {
        return wheelWith(dir, name, version, tag, null, java.util.Map.of(), requires(requiresDist));
    }

    private static Path wheelWith(Path dir, String name, String version, String requiresPython,
            java.util.Map<String, String> files, String... requiresDist) throws IOException {
        return wheelWith(dir, name, version, "py3-none-any", requiresPython, files, requires(requiresDist));
    }

    private static java.util.List<String> requires(String... requiresDist) {
        return java.util.Arrays.stream(requiresDist).map(r -> "Requires-Dist: " + r).toList();
    }

    private static Path wheelWith(Path dir, String name, String version, String requiresPython,
            java.util.Map<String, String> files, java.util.List<String> headerLines) throws IOException {
        return wheelWith(dir, name, version, "py3-none-any", requiresPython, files, headerLines);
    }

    private static Path wheelWith(Path dir, String name, String version, String tag, String requiresPython,
            java.util.Map<String, String> files, java.util.List<String> headerLines) throws IOException {
        String stem = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "_");
        Path file = dir.resolve(stem + "-" + version + "-" + tag + ".whl");
        StringBuilder metadata = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version
                + "\nSummary: " + name + " for tests\n");
        if (requiresPython != null) {
            metadata.append("Requires-Python: ").append(requiresPython).append('\n');
        }
        for (String line : headerLines) {
            metadata.append(line).append('\n');
        }
        String distInfo = stem + "-" + version + ".dist-info/";
        try (ZipWriter zip = new ZipWriter(file)) {
            zip.add(stem + "/__init__.py", Content.of("VERSION = '" + version + "'\n"));
            StringBuilder more = new StringBuilder();
            for (var f : new java.util.TreeMap<>(files).entrySet()) {
                zip.add(f.getKey(), Content.of(f.getValue()));
                more.append(f.getKey()).append(",,\n");
            }
            zip.add(distInfo + "METADATA", Content.of(metadata.toString()));
            zip.add(distInfo + "WHEEL", Content.of("Wheel-Version: 1.0\nGenerator: sluice-tests\nRoot-Is-Purelib: true\nTag: " + tag + "\n"));
            zip.add(distInfo + "RECORD", Content.of(stem + "/__init__.py,,\n" + more + distInfo + "METADATA,,\n" + distInfo
                    + "WHEEL,,\n" + distInfo + "RECORD,,\n"));
        }
        return file;
    }
}
