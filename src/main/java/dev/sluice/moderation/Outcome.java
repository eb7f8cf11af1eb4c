package dev.sluice.moderation;

/** What a moderation gate makes of one file, and why (for the refusal, the hidden list and the audit trail). */
record Outcome(State state, String reason) {
    enum State { APPROVED, DENIED, UNDECIDED, NOT_KNOWN_YET }
}
