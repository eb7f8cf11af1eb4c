package dev.sluice.moderation;

import java.util.List;
import java.util.Locale;

/**
 * What one moderation gate does: its mode, whether it only records what the mode would decide ({@code dry-run}), and
 * its rules, in order.
 *
 * @param gate the gate's name in {@code sluice.toml}: requests and decisions belong to it
 * @param reviewHosted whether projects hosted here are moderated too ({@code hosted = "review"}, the default) or pass
 *     ({@code "pass"})
 */
public record ModerationPolicy(String gate, Mode mode, boolean dryRun, List<RuleSpec> rules, boolean reviewHosted) {
    /** How a gate treats what nobody has decided. */
    public enum Mode {
        /** Not served; the first request for it opens a pending request for a person. */
        REVIEW,
        /** Not served, and nothing new is requested: only what is approved already. */
        FROZEN,
        /** Served; decisions are still recorded. */
        OPEN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode a user wrote, or null. */
        public static Mode parse(String label) {
            for (Mode m : values()) {
                if (m.label().equals(label)) {
                    return m;
                }
            }
            return null;
        }
    }

    public ModerationPolicy {
        rules = List.copyOf(rules);
    }

    /** Whether the gate refuses what is not approved (review or frozen, not in a dry run). */
    boolean enforces() {
        return mode != Mode.OPEN && !dryRun;
    }
}
