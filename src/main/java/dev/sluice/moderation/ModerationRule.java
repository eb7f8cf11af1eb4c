package dev.sluice.moderation;

/**
 * A condition a rule of a moderation gate tests on a file: one small class each. A rule of the gate's list pairs a
 * condition with what to do when it holds (approve or deny); the first that holds decides.
 */
interface ModerationRule {
    /** What a condition says of a file: it holds, it does not, or what it needs is not known yet. */
    enum Test { HOLDS, FAILS, NOT_KNOWN_YET }

    Test test(Candidate candidate);

    /** The condition as the config wrote it, for decisions and the audit trail ({@code age older-than 7d}). */
    String describe();

    /**
     * When the test of this file will change by time alone (a file coming of age), or null when only its inputs can
     * change it (advisories, verdicts, metadata): the gate remembers what it decided until then.
     */
    default java.time.Instant changesAt(Candidate candidate) {
        return null;
    }
}
