package dev.sluice.vulnerabilities;

import java.util.Locale;
import us.springett.cvss.Cvss;

/**
 * How bad an advisory is, as a policy sorts it: the band of its CVSS base score (computed from the vector, v2, v3.x or
 * v4), or, for records with no vector, the band the database itself named (GitHub's {@code database_specific.severity});
 * {@code UNKNOWN} when neither is there, as for most PYSEC records.
 *
 * @param score the CVSS base score, or null when no vector gave one
 */
record Severity(Band band, Double score) {
    /** The bands of CVSS's qualitative scale (a score of 0.0, "none", counts as low). */
    enum Band {
        CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN;

        private final String label = name().equals("UNKNOWN") ? "unknown-severity" : name().toLowerCase(Locale.ROOT);

        /** As the config and reports write it: {@code critical}, ..., {@code unknown-severity}. */
        String label() {
            return label;
        }

        static Band ofScore(double score) {
            return score >= 9.0 ? CRITICAL : score >= 7.0 ? HIGH : score >= 4.0 ? MEDIUM : LOW;
        }

        /** GitHub's words (CRITICAL, HIGH, MODERATE, LOW); null for anything else. */
        static Band ofWord(String word) {
            return switch (word == null ? "" : word.strip().toUpperCase(Locale.ROOT)) {
                case "CRITICAL" -> CRITICAL;
                case "HIGH" -> HIGH;
                case "MODERATE", "MEDIUM" -> MEDIUM;
                case "LOW" -> LOW;
                default -> null;
            };
        }
    }

    static final Severity UNKNOWN = new Severity(Band.UNKNOWN, null);

    /** The base score of a CVSS vector; null when it is not one the calculator reads. */
    static Double baseScore(String vector) {
        try {
            Cvss cvss = Cvss.fromVector(vector == null ? "" : vector.strip());
            return cvss == null ? null : cvss.calculateScore().getBaseScore();
        } catch (RuntimeException notAVector) {
            return null;
        }
    }

    /** Worse first: by band, then by score. */
    int compareWorse(Severity other) {
        int c = band.compareTo(other.band);
        if (c != 0) {
            return c;
        }
        return Double.compare(other.score == null ? -1 : other.score, score == null ? -1 : score);
    }

    /** As a refusal or report says it: {@code high, CVSS 7.5}, or {@code unknown severity}. */
    String describe() {
        return band == Band.UNKNOWN ? "unknown severity" : score == null ? band.label() : band.label() + ", CVSS " + score;
    }
}
