package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout of docs/architecture.md, read from the imports: dependencies point one way. Standards and generic helpers need
 * nothing; the index needs only them; the store and the HTTP vocabulary are infrastructure; a feature needs those and
 * the archive reader, another feature only through its facade, and never the HTTP server or the layers on top. The config reads the features' settings; the
 * composition root builds everything but the HTTP server; the HTTP server binds what the root built; the command
 * line sits on top of all.
 */
class LayoutTest {
    private static final Set<String> BASE = Set.of("pep", "util", "index", "store", "archive", "http");
    private static final Set<String> FEATURES = Set.of("access", "usage", "hosted", "proxy", "directory", "vulnerabilities",
            "inspection", "moderation", "ui", "bundle", "integrity");
    private static final Map<String, Set<String>> MAY_IMPORT = Map.ofEntries(
            Map.entry("pep", Set.of()),
            Map.entry("util", Set.of()),
            Map.entry("http", Set.of("util")),
            Map.entry("index", Set.of("pep", "util")),
            Map.entry("store", Set.of("util")),
            Map.entry("archive", Set.of("pep", "util")),
            Map.entry("access", BASE),
            Map.entry("usage", BASE),
            Map.entry("hosted", BASE),
            Map.entry("proxy", BASE),
            Map.entry("bundle", BASE),
            Map.entry("integrity", BASE),
            Map.entry("directory", BASE),
            Map.entry("vulnerabilities", BASE),
            Map.entry("inspection", BASE),
            Map.entry("moderation", BASE),
            Map.entry("ui", BASE),
            Map.entry("config", union(BASE, FEATURES)),
            Map.entry("app", union(BASE, FEATURES, Set.of("config"))),
            Map.entry("web", union(BASE, FEATURES, Set.of("config", "app"))),
            Map.entry("cli", union(BASE, FEATURES, Set.of("config", "app", "web"))));
    /** What one feature may use of another: its facade. Who calls (access) is asked by every feature's endpoints. */
    private static final Set<String> FACADES = Set.of("access.Identity", "access.Callers", "access.Accounts", "access.AccessRefused",
            "usage.Usage", "vulnerabilities.Vulnerabilities", "inspection.Inspection", "inspection.Verdict");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.sluice\\.(([a-z]+)\\.[A-Za-z.]*)", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])dev\\.sluice\\.(([a-z]+)\\.[A-Z]\\w*)");

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new java.util.HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }

    @Test
    void dependenciesPointOneWay() throws IOException {
        Path root = Path.of("src/main/java/dev/sluice");
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String layer = root.relativize(file).getName(0).toString();
                Set<String> allowed = MAY_IMPORT.get(layer);
                if (allowed == null) {
                    wrong.add(layer + " is not a package of the layout");
                    continue;
                }
                String text = Files.readString(file);
                for (Pattern pattern : List.of(IMPORT, QUALIFIED)) {
                    Matcher m = pattern.matcher(text);
                    while (m.find()) {
                        String used = m.group(2);
                        if (!used.equals(layer) && !allowed.contains(used) && !FACADES.contains(m.group(1))) {
                            wrong.add(root.relativize(file) + " uses " + used);
                        }
                    }
                }
            }
        }
        assertThat(wrong).as("imports against the layout").isEmpty();
    }
}
