package dev.sluice.config;

import dev.sluice.inspection.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repository graph as declared: named nodes (sources and gates) and the routes that serve them. Whoever
 * builds one has checked it (the config reader, or the default graph by construction): every reference
 * names a node, nothing reads from itself, at most one hosted source.
 */
public record GraphConfig(Map<String, NodeConfig> nodes, List<Route> routes) {
    /**
     * A URL path serving one node: {@code /simple/} or {@code /indexes/<name>/simple/}.
     *
     * @param anonymousRead whether anyone may read it; when false, only credentials with a read scope for it
     * @param quarantine the inspection verdict from which files are quarantined on this route: {@code malicious} (the
     *     default) or {@code suspicious}
     */
    public record Route(String name, String path, String serve, boolean anonymousRead, Verdict quarantine) {
        public Route(String name, String path, String serve, boolean anonymousRead) {
            this(name, path, serve, anonymousRead, Verdict.MALICIOUS);
        }
    }

    /** The route at a path, or null. */
    public Route routeAt(String path) {
        return routes.stream().filter(r -> r.path().equals(path)).findFirst().orElse(null);
    }

    public GraphConfig {
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        routes = List.copyOf(routes);
    }

    /** The hosted source, or null when the graph has none. */
    public NodeConfig.Hosted hosted() {
        return nodes.values().stream().filter(NodeConfig.Hosted.class::isInstance).map(NodeConfig.Hosted.class::cast)
                .findFirst().orElse(null);
    }
}
