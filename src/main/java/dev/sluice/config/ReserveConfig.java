package dev.sluice.config;

import dev.sluice.index.Repository;
import dev.sluice.index.gates.Reserve;
import java.util.List;

/**
 * {@code type = "reserve"}: names and prefixes the input never serves, besides every name the {@code held-by} sources
 * (by default every hosted source) hold.
 *
 * @param heldBy null for every hosted source
 */
public record ReserveConfig(String name, String source, List<String> names, List<String> heldBy) implements GateConfig {
    static final Type TYPE = new Type("reserve", ReserveConfig::read);

    private static ReserveConfig read(TomlSection table, String name) {
        String source = GateConfig.source(table);
        List<String> names = table.strings("names");
        for (String n : names) {
            try {
                Reserve.validate(n);
            } catch (IllegalArgumentException e) {
                table.error("names", e.getMessage());
            }
        }
        return new ReserveConfig(name, source, names, table.has("held-by") ? table.strings("held-by") : null);
    }

    @Override
    public List<String> inputs() {
        return GateConfig.input(source);
    }

    @Override
    public Repository build(Inputs inputs) {
        return new Reserve(inputs.node(source), names, inputs.holds(heldBy));
    }
}
