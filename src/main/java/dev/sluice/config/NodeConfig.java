package dev.sluice.config;

import dev.sluice.proxy.UpstreamSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One named node of the repository graph as declared: a source, or a gate ({@link GateConfig}) that reads from other
 * nodes.
 * Records, so that a reload can tell an unchanged source from a changed one by equality and keep its caches.
 */
public sealed interface NodeConfig permits NodeConfig.Hosted, NodeConfig.Proxy, NodeConfig.Directory, NodeConfig.Bundle, GateConfig {
    String name();

    /** The nodes this one reads from, in order. */
    default List<String> inputs() {
        return List.of();
    }

    /** The key that names this node's inputs in its table: {@code source}, or {@code sources} for several. */
    default String inputKey() {
        return "source";
    }

    /** Whether this node is a source (it reads from nothing). */
    default boolean isSource() {
        return this instanceof Hosted || this instanceof Proxy || this instanceof Directory || this instanceof Bundle;
    }

    /** Packages uploaded to this Sluice. */
    record Hosted(String name) implements NodeConfig {}

    /** An upstream simple index, cached. */
    record Proxy(String name, UpstreamSettings upstream) implements NodeConfig {}

    /**
     * A folder of wheels and sdists, read-only.
     *
     * @param holdUnscanned whether a file not yet inspected answers 503 ({@code unscanned = "hold"}) or is served
     */
    record Directory(String name, Path path, Duration rescan, boolean holdUnscanned) implements NodeConfig {}

    /** What bundles carried in ({@code sluice bundle import --into NAME}), read-only. */
    record Bundle(String name) implements NodeConfig {}
}
