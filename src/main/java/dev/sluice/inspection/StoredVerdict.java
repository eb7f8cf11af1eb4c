package dev.sluice.inspection;

import java.time.Instant;
import java.util.List;

/**
 * A file's verdict as kept: which file (by sha256, with the project and filename it was first seen under), where it
 * was inspected ({@code upload}, {@code proxy}, {@code directory}, {@code inspect-all}), what was found by which rules,
 * and an admin's decision on it (null until one is taken).
 */
public record StoredVerdict(String sha256, String project, String filename, String origin, Verdict verdict, String reason,
        List<Finding> findings, int rulesVersion, Instant inspected, Decision decision) {
    /** Characters of the sha256 that name a file to people ({@code sluice findings show 3f2a9c1b7d04}). */
    public static final int SHORT_ID = 12;

    /** An admin's word on a flagged file: released (served although flagged) or kept (blocked, and asked no more). */
    public record Decision(String action, String by, String reason, Instant at) {
        public static final String RELEASED = "released";
        public static final String KEPT = "kept";
    }

    public String id() {
        return sha256.substring(0, SHORT_ID);
    }

    public boolean released() {
        return decision != null && Decision.RELEASED.equals(decision.action());
    }

    /** Whether a route quarantining files at this verdict or worse blocks this one. */
    public boolean blocks(Verdict threshold) {
        return verdict.atLeast(threshold) && verdict != Verdict.CLEAN && !released();
    }
}
