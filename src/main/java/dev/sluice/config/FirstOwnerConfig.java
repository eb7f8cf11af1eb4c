package dev.sluice.config;

import dev.sluice.index.Repository;
import dev.sluice.index.gates.FirstOwner;
import java.util.List;

/** {@code type = "first-owner"}: the first input that has a project owns it; no merging; fail closed. */
public record FirstOwnerConfig(String name, List<String> inputs) implements GateConfig {
    static final Type TYPE = new Type("first-owner", (table, name) -> new FirstOwnerConfig(name, GateConfig.sources(table)));

    @Override
    public String inputKey() {
        return "sources";
    }

    @Override
    public Repository build(Inputs inputs) {
        return new FirstOwner(this.inputs.stream().map(inputs::node).toList());
    }
}
