package dev.sluice.ui;

import dev.sluice.index.ProjectList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * bench/search: people's searches over 600,000 project names (PyPI's count), in memory: building the index, and a
 * query found exactly, by its start, and by a word (the worst case: one pass over every name); then the same count of
 * summaries in the catalog's full-text index (SQLite FTS5): loading them, and queries of one, two and three words.
 * Target (issue 21): under 50 ms. Prints medians; asserts nothing.
 */
public final class NameIndexBench {
    private NameIndexBench() {}

    public static void main(String[] args) throws java.io.IOException {
        String[] parts = {"django", "flask", "py", "tool", "data", "async", "http", "client", "utils", "test", "aws", "cloud",
            "sdk", "lib", "core", "api", "json", "yaml", "db", "sql", "ml", "torch", "plugin", "cli", "kit"};
        Random random = new Random(20);
        List<ProjectList.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 600_000; i++) {
            String name = parts[random.nextInt(parts.length)] + "-" + parts[random.nextInt(parts.length)] + "-" + i;
            entries.add(new ProjectList.Entry(name, name, 1));
        }
        ProjectList list = new ProjectList(entries, 1);
        long t0 = System.nanoTime();
        NameIndex index = NameIndex.of(list);
        System.out.printf("index of %,d names built in %.0f ms%n", index.size(), (System.nanoTime() - t0) / 1e6);
        for (String query : List.of("django-tool-17", "django-tool", "torch", "nothing-like-this")) {
            System.out.printf("search '%s': median %.2f ms%n", query, medianMillis(() -> index.search(query, 50), 20, 21));
        }
        summaries(entries, parts, random);
    }

    /** The median time of {@code runs} calls, after {@code warmups} unmeasured ones. */
    private static double medianMillis(Runnable call, int warmups, int runs) {
        for (int i = 0; i < warmups; i++) {
            call.run();
        }
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            call.run();
            times[i] = System.nanoTime() - s;
        }
        java.util.Arrays.sort(times);
        return times[runs / 2] / 1e6;
    }

    private static void summaries(List<ProjectList.Entry> entries, String[] parts, Random random) throws java.io.IOException {
        String[] words = {"fast", "simple", "library", "client", "for", "the", "python", "framework", "parser", "async", "web",
            "data", "tools", "command", "line", "interface", "testing", "plugin", "numerical", "arrays", "cloud", "storage"};
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sluice-search-bench");
        try (dev.sluice.store.Database db = dev.sluice.store.Database.openSqlite(dir.resolve("catalog.db"))) {
            long t0 = System.nanoTime();
            for (int from = 0; from < entries.size(); from += 10_000) {
                List<ProjectList.Entry> slice = entries.subList(from, Math.min(entries.size(), from + 10_000));
                db.jdbi().useTransaction(h -> {
                    var batch = h.prepareBatch("INSERT INTO project_text (name, summary, version, source) VALUES (:n, :s, '1.0', 'pypi')");
                    for (ProjectList.Entry e : slice) {
                        StringBuilder summary = new StringBuilder();
                        for (int w = 0; w < 8; w++) {
                            summary.append(words[random.nextInt(words.length)]).append(' ');
                        }
                        batch.bind("n", e.normalizedName()).bind("s", summary.toString().strip()).add();
                    }
                    batch.execute();
                });
            }
            System.out.printf("%,d summaries loaded into FTS5 in %.0f ms%n", entries.size(), (System.nanoTime() - t0) / 1e6);
            SummaryIndex index = new SummaryIndex(db);
            for (String query : List.of("numerical", "numerical arrays", "async web framework", "nothing-like-this")) {
                System.out.printf("summary search '%s': median %.2f ms%n", query, medianMillis(() -> index.search(query, 200), 5, 11));
            }
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
