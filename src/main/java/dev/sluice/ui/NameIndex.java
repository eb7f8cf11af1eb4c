package dev.sluice.ui;

import dev.sluice.index.ProjectList;
import dev.sluice.pep.ProjectName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The project names a route can serve, held sorted in memory for people's searches: the exact name first, then names
 * that start with the query, then names holding every word of it. Prefixes are found by binary search; words by one
 * pass over the names (a few milliseconds over PyPI's 600,000). Built from the route's project list and replaced whole
 * when it is rebuilt.
 */
final class NameIndex {
    /** A name, normal and as the project writes it. */
    record Name(String normalized, String display) {}

    private final String[] normalized;
    private final String[] display;
    private final long serial;

    private NameIndex(String[] normalized, String[] display, long serial) {
        this.normalized = normalized;
        this.display = display;
        this.serial = serial;
    }

    static NameIndex of(ProjectList list) {
        List<ProjectList.Entry> entries = new ArrayList<>(list.stream().toList());
        entries.sort((a, b) -> a.normalizedName().compareTo(b.normalizedName()));
        String[] names = new String[entries.size()];
        String[] shown = new String[entries.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = entries.get(i).normalizedName();
            shown[i] = entries.get(i).displayName();
        }
        return new NameIndex(names, shown, list.lastSerial());
    }

    long serial() {
        return serial;
    }

    int size() {
        return normalized.length;
    }

    /** How the project writes a name the route serves, or null when it serves no such name. */
    String display(String normalizedName) {
        int at = Arrays.binarySearch(normalized, normalizedName);
        return at >= 0 ? display[at] : null;
    }

    /** At most {@code limit} names for the query, best first. */
    List<Name> search(String query, int limit) {
        String q = ProjectName.normalize(query.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-"));
        Set<Integer> found = new LinkedHashSet<>();
        int at = Arrays.binarySearch(normalized, q);
        if (at >= 0) {
            found.add(at);
        }
        for (int i = at >= 0 ? at : -at - 1; i < normalized.length && found.size() < limit && normalized[i].startsWith(q); i++) {
            found.add(i);
        }
        String[] words = Arrays.stream(query.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).filter(w -> !w.isEmpty())
                .toArray(String[]::new);
        for (int i = 0; i < normalized.length && found.size() < limit && words.length > 0; i++) {
            if (holdsAll(normalized[i], words)) {
                found.add(i);
            }
        }
        return found.stream().map(i -> new Name(normalized[i], display[i])).toList();
    }

    private static boolean holdsAll(String name, String[] words) {
        for (String w : words) {
            if (!name.contains(w)) {
                return false;
            }
        }
        return true;
    }
}
