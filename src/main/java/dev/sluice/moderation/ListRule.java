package dev.sluice.moderation;

import dev.sluice.index.gates.ReservedNames;
import java.util.List;

/**
 * {@code when = "listed", projects = ["requests", "django-*"]}: the project is on the list (names or prefixes, in any
 * spelling, matched as a reserve matches them).
 */
record ListRule(List<String> projects, ReservedNames names) implements ModerationRule {
    ListRule(List<String> projects) {
        this(List.copyOf(projects), ReservedNames.of(projects));
    }

    @Override
    public Test test(Candidate c) {
        return names.reason(c.project()) != null ? Test.HOLDS : Test.FAILS;
    }

    @Override
    public String describe() {
        return "listed " + String.join(", ", projects);
    }
}
