package dev.sluice.config;

import dev.sluice.index.Repository;
import dev.sluice.index.gates.Union;
import java.util.List;

/** {@code type = "union"}: every input's files merged; for trusted inputs only. */
public record UnionConfig(String name, List<String> inputs) implements GateConfig {
    static final Type TYPE = new Type("union", (table, name) -> new UnionConfig(name, GateConfig.sources(table)));

    @Override
    public String inputKey() {
        return "sources";
    }

    @Override
    public Repository build(Inputs inputs) {
        return new Union(this.inputs.stream().map(inputs::node).toList());
    }
}
