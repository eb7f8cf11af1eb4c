package dev.sluice.ui;

import dev.sluice.index.ProjectList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * bench/search: people's searches over 600,000 project names (PyPI's count), in memory: building the index, and a
 * query found exactly, by its start, and by a word (the worst case: one pass over every name). Target (issue 21):
 * under 50 ms. Prints medians; asserts nothing.
 */
public final class NameIndexBench {
    private NameIndexBench() {}

    public static void main(String[] args) {
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
            for (int i = 0; i < 20; i++) {
                index.search(query, 50);
            }
            long[] times = new long[21];
            for (int i = 0; i < times.length; i++) {
                long s = System.nanoTime();
                index.search(query, 50);
                times[i] = System.nanoTime() - s;
            }
            java.util.Arrays.sort(times);
            System.out.printf("search '%s': median %.2f ms%n", query, times[10] / 1e6);
        }
    }
}
