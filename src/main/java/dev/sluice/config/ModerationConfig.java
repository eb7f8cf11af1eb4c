package dev.sluice.config;

import dev.sluice.index.Repository;
import dev.sluice.inspection.Verdict;
import dev.sluice.moderation.ModerationPolicy;
import dev.sluice.moderation.RuleSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code type = "moderation"}: what nobody approved is refused ({@code mode = "review"}, opening a request;
 * {@code "frozen"}, opening none) or served ({@code "open"}); {@code dry-run = true} serves everything and records what
 * the mode would have refused. {@code [[gates.NAME.rules]]} decide by themselves, in order: {@code when} (age with
 * {@code older-than}, vulnerable with {@code severity}, inspection with {@code verdict}, license with {@code allowed},
 * typosquat, listed with {@code projects}) and {@code then} (approve or deny). {@code hosted = "pass"} lets projects
 * hosted here through unmoderated ({@code "review"}, the default: a second person approves a release first).
 */
public record ModerationConfig(String name, String source, ModerationPolicy policy) implements GateConfig {
    static final Type TYPE = new Type("moderation", ModerationConfig::read);

    private static ModerationConfig read(TomlSection table, String name) {
        String source = GateConfig.source(table);
        String modeText = table.string("mode");
        ModerationPolicy.Mode mode = modeText == null ? ModerationPolicy.Mode.REVIEW : ModerationPolicy.Mode.parse(modeText);
        if (mode == null) {
            table.error("mode", "'" + modeText + "' is not a mode: review, frozen or open");
            mode = ModerationPolicy.Mode.REVIEW;
        }
        Boolean dryRun = table.bool("dry-run");
        String hosted = table.string("hosted");
        if (hosted != null && !hosted.equals("review") && !hosted.equals("pass")) {
            table.error("hosted", "'" + hosted + "' is not what to do with hosted projects: review (the default) or pass");
        }
        List<RuleSpec> rules = new ArrayList<>();
        for (TomlSection r : table.tables("rules")) {
            RuleSpec rule = rule(r);
            r.rejectUnknownKeys();
            if (rule != null) {
                rules.add(rule);
            }
        }
        return new ModerationConfig(name, source, new ModerationPolicy(name, mode, dryRun != null && dryRun, rules,
                !"pass".equals(hosted)));
    }

    private static RuleSpec rule(TomlSection r) {
        String when = r.requiredString("when");
        String then = r.requiredString("then");
        if (then != null && !then.equals("approve") && !then.equals("deny")) {
            r.error("then", "'" + then + "' is not what a rule does: approve or deny");
            return null;
        }
        if (when == null || then == null) {
            return null;
        }
        Duration olderThan = null;
        String severity = null;
        String verdict = null;
        List<String> names = List.of();
        switch (when) {
            case "age" -> {
                olderThan = r.duration("older-than");
                if (olderThan == null && !r.has("older-than")) {
                    r.tableError("missing key 'older-than' (such as \"7d\": files uploaded at least that long ago)");
                }
            }
            case "vulnerable" -> {
                severity = r.string("severity");
                if (severity == null || !RuleSpec.SEVERITIES.contains(severity)) {
                    r.error("severity", "'" + severity + "' is not a severity: " + String.join(", ", RuleSpec.SEVERITIES));
                    severity = null;
                }
            }
            case "inspection" -> {
                verdict = r.string("verdict");
                if (verdict == null || Verdict.parse(verdict) == null) {
                    r.error("verdict", "'" + verdict + "' is not a verdict: clean, suspicious or malicious");
                    verdict = null;
                }
            }
            case "license" -> names = r.strings("allowed");
            case "listed" -> names = r.strings("projects");
            case "typosquat" -> { }
            default -> {
                r.error("when", "'" + when + "' is not a rule: " + String.join(", ", RuleSpec.CONDITIONS));
                return null;
            }
        }
        if (("license".equals(when) || "listed".equals(when)) && names.isEmpty()) {
            r.tableError("missing key '" + ("license".equals(when) ? "allowed" : "projects") + "' (a list)");
        }
        boolean complete = olderThan != null || severity != null || verdict != null || !names.isEmpty() || "typosquat".equals(when);
        return complete ? new RuleSpec(when, "approve".equals(then), olderThan, severity, verdict, names) : null;
    }

    @Override
    public List<String> inputs() {
        return GateConfig.input(source);
    }

    @Override
    public Repository build(Inputs inputs) {
        return inputs.moderation().gate(inputs.node(source), policy, inputs.holds(null));
    }
}
