package dev.sluice.inspection;

import java.util.Locale;

/**
 * What a rule found in a distribution, with its evidence: the archive entry, the line (1-based; 0 when the finding
 * is about the whole entry), and an excerpt of at most {@link #MAX_EXCERPT} characters, on one line.
 */
public record Finding(String rule, Severity severity, String file, int line, String excerpt) {
    public static final int MAX_EXCERPT = 160;

    /** How much a finding weighs toward the file's verdict. */
    public enum Severity {
        /** Enough alone to quarantine the file. */
        MALICIOUS,
        /** Worth a person's look; with other signals, more. */
        SUSPICIOUS,
        /** Recorded, and changes nothing on its own (a name one letter from a popular one). */
        NOTE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Finding {
        excerpt = excerpt.replaceAll("[\\r\\n\\t]+", " ").strip();
        if (excerpt.length() > MAX_EXCERPT) {
            excerpt = excerpt.substring(0, MAX_EXCERPT - 3) + "...";
        }
    }

    /** As people read it: {@code suspicious pth-import: foo.pth:1: import os; ...}. */
    public String describe() {
        return severity.label() + " " + rule + ": " + file + (line > 0 ? ":" + line : "") + ": " + excerpt;
    }
}
