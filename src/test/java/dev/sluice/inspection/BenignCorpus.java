package dev.sluice.inspection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Real, popular, benign distributions this machine can get, for the inspection's false-positive rates: Debian's
 * {@code *-whl} wheels (pip, setuptools, wheel) as they are; every project Debian installs under {@code dist-packages}
 * repacked with its metadata into a wheel; and GraalPy's CPython standard library (one wheel a top-level package,
 * one for the top-level modules) with the pip wheel it bundles.
 */
final class BenignCorpus {
    static final Path DEBIAN_WHEELS = Path.of("/usr/share/python-wheels");
    static final Path DIST_PACKAGES = Path.of("/usr/lib/python3/dist-packages");
    private static final String GRAALPY_STDLIB = "META-INF/resources/libpython/";

    private BenignCorpus() { }

    /** Builds the corpus into {@code folder} and lists its wheels. */
    static List<Path> build(Path folder) throws IOException {
        List<Path> wheels = new ArrayList<>();
        try (Stream<Path> debian = Files.list(DEBIAN_WHEELS)) {
            wheels.addAll(debian.filter(p -> p.toString().endsWith(".whl")).sorted().toList());
        }
        try (Stream<Path> installed = Files.list(DIST_PACKAGES)) {
            for (Path info : installed.filter(p -> p.toString().endsWith(".dist-info") || p.toString().endsWith(".egg-info"))
                    .sorted().toList()) {
                Path wheel = repackInstalled(info, folder);
                if (wheel != null) {
                    wheels.add(wheel);
                }
            }
        }
        wheels.addAll(graalPyStandardLibrary(folder));
        return wheels;
    }

    /** An installed project and its metadata as the wheel it came from, or null when its files cannot be told apart. */
    private static Path repackInstalled(Path info, Path folder) throws IOException {
        String base = info.getFileName().toString().replaceFirst("\\.(dist|egg)-info$", "");
        int dash = base.indexOf('-');
        if (dash < 0 || !Files.isDirectory(info)) {
            return null;
        }
        String name = base.substring(0, dash).replaceAll("[-.]", "_");
        String version = base.substring(dash + 1);
        Set<String> tops = new LinkedHashSet<>();
        Path topLevel = info.resolve("top_level.txt");
        if (Files.exists(topLevel)) {
            Files.readAllLines(topLevel).stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(tops::add);
        } else {
            tops.add(name.toLowerCase(java.util.Locale.ROOT));
        }
        Map<String, byte[]> files = new TreeMap<>();
        for (String top : tops) {
            Path dir = DIST_PACKAGES.resolve(top);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("__pycache__")).toList()) {
                        files.put(DIST_PACKAGES.relativize(p).toString(), Files.readAllBytes(p));
                    }
                }
            } else if (Files.isRegularFile(DIST_PACKAGES.resolve(top + ".py"))) {
                files.put(top + ".py", Files.readAllBytes(DIST_PACKAGES.resolve(top + ".py")));
            }
        }
        if (files.isEmpty()) {
            return null;
        }
        Path metadata = Files.exists(info.resolve("METADATA")) ? info.resolve("METADATA") : info.resolve("PKG-INFO");
        String distribution = name + "-" + version;
        if (Files.exists(metadata)) {
            files.put(distribution + ".dist-info/METADATA", Files.readAllBytes(metadata));
        }
        return writeWheel(folder, distribution, files);
    }

    /** GraalPy's standard library, one wheel a top-level package and one for the modules, and its bundled pip wheel. */
    private static List<Path> graalPyStandardLibrary(Path folder) throws IOException {
        List<Path> wheels = new ArrayList<>();
        Map<String, Map<String, byte[]>> byPackage = new TreeMap<>();
        try (ZipFile jar = new ZipFile(graalPyJar().toFile())) {
            for (ZipEntry entry : java.util.Collections.list(jar.entries())) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(GRAALPY_STDLIB) || name.contains("__pycache__")) {
                    continue;
                }
                String path = name.substring(GRAALPY_STDLIB.length());
                try (InputStream in = jar.getInputStream(entry)) {
                    if (path.endsWith(".whl")) {
                        Path wheel = folder.resolve(path.substring(path.lastIndexOf('/') + 1));
                        Files.copy(in, wheel);
                        wheels.add(wheel);
                    } else {
                        String top = path.contains("/") ? path.substring(0, path.indexOf('/')) : "modules";
                        byPackage.computeIfAbsent(top, t -> new TreeMap<>()).put(path, in.readAllBytes());
                    }
                }
            }
        }
        for (var pkg : byPackage.entrySet()) {
            wheels.add(writeWheel(folder, "graalpy_stdlib_" + pkg.getKey().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "") + "-3.11", pkg.getValue()));
        }
        return wheels;
    }

    /** A wheel of these files with a true RECORD (Debian changes files after install; the corpus is of their content). */
    private static Path writeWheel(Path folder, String distribution, Map<String, byte[]> files) throws IOException {
        Path wheel = folder.resolve(distribution + "-py3-none-any.whl");
        String record = distribution + ".dist-info/RECORD";
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(wheel))) {
            StringBuilder lines = new StringBuilder();
            for (var file : files.entrySet()) {
                add(zip, file.getKey(), file.getValue());
                lines.append(file.getKey()).append(",sha256=").append(hash(file.getValue())).append(',')
                        .append(file.getValue().length).append('\n');
            }
            add(zip, record, lines.append(record).append(",,\n").toString().getBytes(StandardCharsets.UTF_8));
        }
        return wheel;
    }

    /** The python-resources jar on the test class path (a test dependency). */
    static Path graalPyJar() throws IOException {
        var url = BenignCorpus.class.getClassLoader().getResource(GRAALPY_STDLIB + "__future__.py");
        if (url == null) {
            throw new IOException("org.graalvm.python:python-resources is not on the test class path");
        }
        String jar = url.toString();
        return Path.of(java.net.URI.create(jar.substring("jar:".length(), jar.indexOf("!/"))));
    }

    private static void add(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static String hash(byte[] bytes) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
