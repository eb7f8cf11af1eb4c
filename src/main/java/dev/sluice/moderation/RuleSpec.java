package dev.sluice.moderation;

import java.time.Duration;
import java.util.List;

/**
 * One rule of a moderation gate as {@code sluice.toml} writes it ({@code [[gates.NAME.rules]]}): a condition
 * ({@code when}) with its option, and {@code then} (approve or deny). The config checks the values against the lists
 * here; the moderation feature builds the rule.
 *
 * @param olderThan for {@code age}
 * @param severity for {@code vulnerable}: a band of {@link #SEVERITIES}
 * @param verdict for {@code inspection}: clean, suspicious or malicious
 * @param names for {@code listed} (projects and prefixes) and {@code license} (SPDX ids)
 */
public record RuleSpec(String when, boolean approve, Duration olderThan, String severity, String verdict, List<String> names) {
    /** The conditions, with the option each needs (null: none). */
    public static final List<String> CONDITIONS = List.of("age", "vulnerable", "inspection", "license", "typosquat", "listed");
    public static final List<String> SEVERITIES = VulnerabilityRule.ORDER;

    public RuleSpec {
        names = names == null ? List.of() : List.copyOf(names);
    }
}
