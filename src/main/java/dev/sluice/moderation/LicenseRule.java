package dev.sluice.moderation;

import dev.sluice.pep.CoreMetadata;
import java.util.Locale;
import java.util.Set;

/**
 * {@code when = "license", allowed = ["MIT", "Apache-2.0", "BSD-3-Clause"]}: the file's core metadata declares a
 * license on the list: its {@code License-Expression} (PEP 639) as written, or else each of its {@code License ::
 * OSI Approved ::} classifiers mapped to the SPDX id it names. A file without readable metadata does not hold.
 */
record LicenseRule(Set<String> allowed) implements ModerationRule {
    @Override
    public Test test(Candidate c) {
        String text = c.metadata().get();
        if (text == null) {
            return Test.FAILS;
        }
        CoreMetadata metadata;
        try {
            metadata = CoreMetadata.parse(text);
        } catch (RuntimeException unreadable) {
            return Test.FAILS;
        }
        String expression = metadata.licenseExpression();
        if (expression != null && !expression.isBlank()) {
            return allowedLower().contains(expression.strip().toLowerCase(Locale.ROOT)) ? Test.HOLDS : Test.FAILS;
        }
        for (String classifier : metadata.classifiers()) {
            String spdx = SpdxClassifiers.idOf(classifier);
            if (spdx != null && allowedLower().contains(spdx.toLowerCase(Locale.ROOT))) {
                return Test.HOLDS;
            }
        }
        return Test.FAILS;
    }

    private Set<String> allowedLower() {
        return allowed.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public String describe() {
        return "license " + String.join(", ", allowed.stream().sorted().toList());
    }
}
