package dev.sluice.config;

import dev.sluice.index.Repository;
import dev.sluice.index.gates.MetadataInjector;
import dev.sluice.moderation.Moderation;
import dev.sluice.pep.ProjectName;
import dev.sluice.vulnerabilities.Vulnerabilities;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;

/**
 * A gate as {@code sluice.toml} declares it. Each gate type has one home: its config record, which reads its table
 * ({@code read}) and builds its gate ({@link #build}). Adding a gate type means its gate class, its config record, and
 * a line in {@link #TYPES} and in the permits below: the compiler then checks every case.
 */
public sealed interface GateConfig extends NodeConfig permits FirstOwnerConfig, UnionConfig, ReserveConfig, AllowDenyConfig,
        CooldownConfig, YankOverrideConfig, MetadataInjectorConfig, VulnerabilityPolicyConfig, ModerationConfig {

    /** The gate types, in the order the error messages list them. */
    List<Type> TYPES = List.of(FirstOwnerConfig.TYPE, UnionConfig.TYPE, ReserveConfig.TYPE, AllowDenyConfig.TYPE,
            CooldownConfig.TYPE, YankOverrideConfig.TYPE, MetadataInjectorConfig.TYPE, VulnerabilityPolicyConfig.TYPE,
            ModerationConfig.TYPE);

    /** A gate type: its name in {@code type = "..."}, and how its table is read (problems go to the section). */
    record Type(String name, Reader reader) {}

    @FunctionalInterface
    interface Reader {
        GateConfig read(TomlSection table, String name);
    }

    /** What building a gate needs: the nodes it reads from, built, and what the server provides. */
    interface Inputs {
        Repository node(String name);

        Clock clock();

        MetadataInjector.Extractor extractor();

        /** Known vulnerabilities, for the vulnerability-policy gate. */
        Vulnerabilities vulnerabilities();

        /** Moderation, for the moderation gate. */
        Moderation moderation();

        /** Whether any of these sources holds the project (null: every hosted source). */
        Predicate<ProjectName> holds(List<String> sources);
    }

    Repository build(Inputs inputs);

    /** The one node a gate of a single input reads, as {@code source = "..."}. */
    static String source(TomlSection table) {
        return table.requiredString("source");
    }

    /** The input of a single-input gate as a list: none while its {@code source} is missing (an error said so already). */
    static List<String> input(String source) {
        return source == null ? List.of() : List.of(source);
    }

    /** The nodes a gate of several inputs reads, in order, as {@code sources = [...]}. */
    static List<String> sources(TomlSection table) {
        List<String> inputs = table.strings("sources");
        if (inputs.isEmpty()) {
            table.tableError("missing key 'sources' (the nodes to read from, in order)");
        }
        return inputs;
    }
}
