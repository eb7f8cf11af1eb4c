package dev.sluice.config;

import dev.sluice.index.Repository;
import dev.sluice.index.gates.AllowDeny;
import dev.sluice.index.gates.ProjectRule;
import java.util.List;

/** {@code type = "allow-deny"}: only the projects (and versions) the allow rules name; never those the deny rules name. */
public record AllowDenyConfig(String name, String source, List<String> allow, List<String> deny) implements GateConfig {
    static final Type TYPE = new Type("allow-deny", AllowDenyConfig::read);

    private static AllowDenyConfig read(TomlSection table, String name) {
        String source = GateConfig.source(table);
        List<String> allow = rules(table, "allow");
        List<String> deny = rules(table, "deny");
        if (allow.isEmpty() && deny.isEmpty()) {
            table.tableError("an allow-deny gate needs 'allow' or 'deny' rules (both are empty or missing)");
        }
        return new AllowDenyConfig(name, source, allow, deny);
    }

    /** Rules such as {@code requests}, {@code django-*} or {@code numpy>=1.26,<3}; each checked. */
    static List<String> rules(TomlSection table, String key) {
        List<String> rules = table.strings(key);
        for (String rule : rules) {
            try {
                ProjectRule.parse(rule);
            } catch (IllegalArgumentException e) {
                table.error(key, e.getMessage());
            }
        }
        return rules;
    }

    @Override
    public List<String> inputs() {
        return GateConfig.input(source);
    }

    @Override
    public Repository build(Inputs inputs) {
        return new AllowDeny(inputs.node(source), allow, deny);
    }
}
