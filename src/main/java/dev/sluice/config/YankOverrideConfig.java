package dev.sluice.config;

import dev.sluice.index.Repository;
import dev.sluice.index.gates.ProjectRule;
import dev.sluice.index.gates.YankOverride;
import java.util.List;
import java.util.Map;

/**
 * {@code type = "yank-override"}: yanks files here that the source did not.
 *
 * @param yanks each rule with its reason, in the order written
 */
public record YankOverrideConfig(String name, String source, Map<String, String> yanks) implements GateConfig {
    static final Type TYPE = new Type("yank-override", YankOverrideConfig::read);

    private static YankOverrideConfig read(TomlSection table, String name) {
        String source = GateConfig.source(table);
        Map<String, String> yanks = table.stringTable("yank");
        TomlSection yankTable = table.table("yank");
        for (String rule : yanks.keySet()) {
            try {
                ProjectRule.parse(rule);
            } catch (IllegalArgumentException e) {
                yankTable.error(rule, e.getMessage());
            }
        }
        return new YankOverrideConfig(name, source, yanks);
    }

    @Override
    public List<String> inputs() {
        return GateConfig.input(source);
    }

    @Override
    public Repository build(Inputs inputs) {
        return new YankOverride(inputs.node(source), yanks);
    }
}
