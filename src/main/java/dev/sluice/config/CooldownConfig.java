package dev.sluice.config;

import dev.sluice.index.Repository;
import dev.sluice.index.gates.Cooldown;
import java.time.Duration;
import java.util.List;

/** {@code type = "cooldown"}: files younger than the period are hidden, except the exempt projects'. */
public record CooldownConfig(String name, String source, Duration period, List<String> exempt) implements GateConfig {
    static final Type TYPE = new Type("cooldown", CooldownConfig::read);

    private static CooldownConfig read(TomlSection table, String name) {
        String source = GateConfig.source(table);
        Duration period = table.duration("period");
        if (period == null && !table.has("period")) {
            table.tableError("missing key 'period' (how long new files stay hidden, e.g. 2d)");
        }
        return new CooldownConfig(name, source, period, table.strings("exempt"));
    }

    @Override
    public List<String> inputs() {
        return GateConfig.input(source);
    }

    @Override
    public Repository build(Inputs inputs) {
        return new Cooldown(inputs.node(source), period, exempt, inputs.clock());
    }
}
