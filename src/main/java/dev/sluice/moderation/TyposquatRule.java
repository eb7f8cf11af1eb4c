package dev.sluice.moderation;

import dev.sluice.inspection.Inspection;

/** {@code when = "typosquat"}: the project's name strongly resembles a popular or a hosted one (the inspection says). */
record TyposquatRule(Inspection inspection) implements ModerationRule {
    @Override
    public Test test(Candidate c) {
        return inspection.imitatesAnotherName(c.project()) ? Test.HOLDS : Test.FAILS;
    }

    @Override
    public String describe() {
        return "typosquat";
    }
}
