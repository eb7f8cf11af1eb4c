package dev.sluice.moderation;

import java.time.Duration;

/** {@code when = "age", older-than = "7d"}: the file was uploaded at least that long ago (a file without a time is not). */
record AgeRule(Duration olderThan) implements ModerationRule {
    @Override
    public Test test(Candidate c) {
        return c.file().uploadTime() != null && !c.file().uploadTime().plus(olderThan).isAfter(c.now()) ? Test.HOLDS : Test.FAILS;
    }

    @Override
    public java.time.Instant changesAt(Candidate c) {
        return c.file().uploadTime() == null ? null : c.file().uploadTime().plus(olderThan);
    }

    @Override
    public String describe() {
        return "age older-than " + olderThan.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
