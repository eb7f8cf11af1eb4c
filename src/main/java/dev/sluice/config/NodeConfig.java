package dev.sluice.config;

import dev.sluice.proxy.UpstreamSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One named node of the repository graph as declared: a source, or a gate that reads from other nodes.
 * Records, so that a reload can tell an unchanged source from a changed one by equality and keep its caches.
 */
public sealed interface NodeConfig {
    String name();

    /** The nodes this one reads from, in order. */
    default List<String> inputs() {
        return List.of();
    }

    /** Whether this node is a source (it reads from nothing). */
    default boolean isSource() {
        return this instanceof Hosted || this instanceof Proxy || this instanceof Directory;
    }

    /** Packages uploaded to this Sluice. */
    record Hosted(String name) implements NodeConfig {}

    /** An upstream simple index, cached. */
    record Proxy(String name, UpstreamSettings upstream) implements NodeConfig {}

    /** A folder of wheels and sdists, read-only. */
    record Directory(String name, Path path, Duration rescan) implements NodeConfig {}

    /** The first input that has a project owns it; no merging; an input that cannot answer ends the search. */
    record FirstOwner(String name, List<String> inputs) implements NodeConfig {}

    /** Every input's files merged: for trusted inputs only. */
    record Union(String name, List<String> inputs) implements NodeConfig {}

    /** Names and prefixes the input never serves, besides every name the {@code heldBy} sources hold. */
    record Reserve(String name, String source, List<String> names, List<String> heldBy) implements NodeConfig {
        @Override
        public List<String> inputs() {
            return List.of(source);
        }
    }

    record AllowDeny(String name, String source, List<String> allow, List<String> deny) implements NodeConfig {
        @Override
        public List<String> inputs() {
            return List.of(source);
        }
    }

    record Cooldown(String name, String source, Duration period, List<String> exempt) implements NodeConfig {
        @Override
        public List<String> inputs() {
            return List.of(source);
        }
    }

    /** @param yanks each rule with its reason, in the order written */
    record YankOverride(String name, String source, Map<String, String> yanks) implements NodeConfig {
        @Override
        public List<String> inputs() {
            return List.of(source);
        }
    }

    record MetadataInjector(String name, String source) implements NodeConfig {
        @Override
        public List<String> inputs() {
            return List.of(source);
        }
    }
}
