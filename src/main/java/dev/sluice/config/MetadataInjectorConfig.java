package dev.sluice.config;

import dev.sluice.index.Repository;
import dev.sluice.index.gates.MetadataInjector;
import java.util.List;

/** {@code type = "metadata-injector"}: PEP 658 metadata for the source's wheels that lack it, read out of the wheel once. */
public record MetadataInjectorConfig(String name, String source) implements GateConfig {
    static final Type TYPE = new Type("metadata-injector", (table, name) -> new MetadataInjectorConfig(name, GateConfig.source(table)));
    private static final int REMEMBERED_METADATA = 10_000;

    @Override
    public List<String> inputs() {
        return GateConfig.input(source);
    }

    @Override
    public Repository build(Inputs inputs) {
        return new MetadataInjector(inputs.node(source), inputs.extractor(), REMEMBERED_METADATA);
    }
}
