package dev.sluice.inspection;

import java.nio.charset.StandardCharsets;

/**
 * One file of a distribution as the content rules read it: its name, its first bytes, and (decoded once, when a rule
 * first asks) its text and where its lines start, so that several rules reading one file decode it once and rules
 * that search the whole text name the line of what they find.
 */
final class InspectedFile {
    final String name;
    final byte[] bytes;
    /** Whether the distribution is a source distribution (where only source belongs). */
    final boolean sdist;
    private String[] lines;
    private int[] lineStarts;
    private String text;
    private PythonModule python;
    private Boolean pythonText;
    private Boolean mayUseNetwork;

    InspectedFile(String name, byte[] bytes, boolean sdist) {
        this.name = name;
        this.bytes = bytes;
        this.sdist = sdist;
    }

    /** A Python module or a {@code .pth} file, holding text (no NUL in its first kilobytes). */
    boolean isPythonText() {
        if (pythonText == null) {
            pythonText = (name.endsWith(".py") || name.endsWith(".pth")) && !hasNul(Math.min(bytes.length, 8192));
        }
        return pythonText;
    }

    private boolean hasNul(int within) {
        for (int i = 0; i < within; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text names anything that reaches the network ({@link RiskyCalls#mayUseNetwork}), asked once. */
    boolean mayUseNetwork() {
        if (mayUseNetwork == null) {
            mayUseNetwork = RiskyCalls.mayUseNetwork(text());
        }
        return mayUseNetwork;
    }

    /** The bytes as UTF-8 text (invalid sequences replaced). */
    String text() {
        if (text == null) {
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        return text;
    }

    /** The file read as Python (tokens, statements, scopes, imports), parsed once for every rule that asks. */
    PythonModule python() {
        if (python == null) {
            python = PythonModule.parse(text());
        }
        return python;
    }

    /** The lines; line {@code n} (1-based) is {@code lines()[n - 1]}. */
    String[] lines() {
        if (lines == null) {
            lines = text().split("\n", -1);
        }
        return lines;
    }

    /** The 1-based number of the line holding the character at {@code index} of {@link #text()}. */
    int lineOf(int index) {
        if (lineStarts == null) {
            String t = text();
            int count = 1;
            for (int i = 0; i < t.length(); i++) {
                if (t.charAt(i) == '\n') {
                    count++;
                }
            }
            lineStarts = new int[count];
            int n = 1;
            for (int i = 0; i < t.length(); i++) {
                if (t.charAt(i) == '\n') {
                    lineStarts[n++] = i + 1;
                }
            }
        }
        int found = java.util.Arrays.binarySearch(lineStarts, index);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /** The text of line {@code number} (1-based), without its newline. */
    String line(int number) {
        lineOf(0);
        int start = lineStarts[number - 1];
        int end = number < lineStarts.length ? lineStarts[number] - 1 : text().length();
        return text().substring(start, end);
    }

    /** Whether any line is longer than {@code length} characters. */
    boolean hasLineLongerThan(int length) {
        String t = text();
        int start = 0;
        for (int i = t.indexOf('\n'); ; i = t.indexOf('\n', start)) {
            int end = i < 0 ? t.length() : i;
            if (end - start > length) {
                return true;
            }
            if (i < 0) {
                return false;
            }
            start = i + 1;
        }
    }
}
