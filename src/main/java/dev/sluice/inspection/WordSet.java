package dev.sluice.inspection;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether text holds any of a set of words, found in one pass over it: each position's first three characters pick,
 * by a table, the few words that could start there. The rules' first look at a file, cheaper than a search per word
 * (a file is read once, not once a word) and than a regular expression of alternatives.
 */
final class WordSet {
    private static final int TABLE = 1 << 14;
    private final String[][] byStart = new String[TABLE][];

    /** @param words of three characters or more */
    WordSet(List<String> words) {
        List<List<String>> buckets = new ArrayList<>(java.util.Collections.nCopies(TABLE, (List<String>) null));
        for (String word : words) {
            if (word.length() < 3) {
                throw new IllegalArgumentException("too short for this set: '" + word + "'");
            }
            int key = key(word.charAt(0), word.charAt(1), word.charAt(2));
            if (buckets.get(key) == null) {
                buckets.set(key, new ArrayList<>());
            }
            buckets.get(key).add(word);
        }
        for (int key = 0; key < TABLE; key++) {
            if (buckets.get(key) != null) {
                byStart[key] = buckets.get(key).toArray(String[]::new);
            }
        }
    }

    private static int key(char a, char b, char c) {
        return (a * 961 + b * 31 + c) & (TABLE - 1);
    }

    boolean foundIn(String text) {
        int length = text.length();
        if (length < 3) {
            return false;
        }
        char a = text.charAt(0);
        char b = text.charAt(1);
        for (int i = 2; i < length; i++) {
            char c = text.charAt(i);
            String[] candidates = byStart[key(a, b, c)];
            if (candidates != null) {
                for (String word : candidates) {
                    if (word.charAt(0) == a && word.charAt(1) == b && word.charAt(2) == c && text.startsWith(word, i - 2)) {
                        return true;
                    }
                }
            }
            a = b;
            b = c;
        }
        return false;
    }
}
