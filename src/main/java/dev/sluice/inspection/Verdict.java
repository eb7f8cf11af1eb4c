package dev.sluice.inspection;

import java.util.Locale;

/** What a distribution is found to be, from the worst of its findings; later values are worse. */
public enum Verdict {
    CLEAN, SUSPICIOUS, MALICIOUS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The verdict a user wrote ({@code malicious}), or null. */
    public static Verdict parse(String label) {
        for (Verdict v : values()) {
            if (v.label().equals(label)) {
                return v;
            }
        }
        return null;
    }

    boolean atLeast(Verdict threshold) {
        return compareTo(threshold) >= 0;
    }
}
