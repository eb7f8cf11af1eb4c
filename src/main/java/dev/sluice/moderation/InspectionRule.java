package dev.sluice.moderation;

import dev.sluice.inspection.Inspection;
import dev.sluice.inspection.Verdict;

/**
 * {@code when = "inspection", verdict = "clean"}: the inspection's verdict on the file is that one, through the
 * inspection facade; not known yet while the file has not been judged.
 */
record InspectionRule(Verdict verdict, Inspection inspection) implements ModerationRule {
    @Override
    public Test test(Candidate c) {
        Verdict found = inspection.verdictOf(c.file().sha256());
        return found == null ? Test.NOT_KNOWN_YET : found == verdict ? Test.HOLDS : Test.FAILS;
    }

    @Override
    public String describe() {
        return "inspection verdict " + verdict.label();
    }
}
