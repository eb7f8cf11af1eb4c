package dev.sluice.moderation;

/** One rule of a gate, built: when its condition holds, approve (or deny) by itself. */
record Step(ModerationRule condition, boolean approve) {
    String describe() {
        return (approve ? "approve" : "deny") + " when " + condition.describe();
    }
}
