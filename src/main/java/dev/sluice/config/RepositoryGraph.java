package dev.sluice.config;

import dev.sluice.index.Repository;
import dev.sluice.index.gates.ReservedNames;
import dev.sluice.pep.ProjectName;
import java.util.List;
import java.util.Map;

/**
 * A graph built from its {@link GraphConfig}: the repository each route path serves, and the sources it was
 * built from (by their config, so that the next build can take over the unchanged ones with their caches).
 */
public record RepositoryGraph(GraphConfig config, Map<String, Repository> routes, Map<NodeConfig, Repository> sources) {
    public RepositoryGraph {
        routes = Map.copyOf(routes);
        sources = Map.copyOf(sources);
    }

    /** The repository served at a route path ({@code /simple/}), or null. */
    public Repository route(String path) {
        return routes.get(path);
    }

    public List<String> paths() {
        return config.routes().stream().map(GraphConfig.Route::path).toList();
    }

    /** The sources other than the hosted one, by name: what serves names from outside the organisation. */
    public Map<String, Repository> outsideSources() {
        Map<String, Repository> outside = new java.util.LinkedHashMap<>();
        sources.forEach((node, source) -> {
            if (!(node instanceof NodeConfig.Hosted)) {
                outside.put(node.name(), source);
            }
        });
        return outside;
    }

    /** Whether a Reserve gate of this graph names the project (exactly or by a prefix). */
    public boolean reserves(ProjectName project) {
        return config.nodes().values().stream().filter(ReserveConfig.class::isInstance).map(ReserveConfig.class::cast)
                .anyMatch(reserve -> ReservedNames.of(reserve.names()).reason(project) != null);
    }

    /** The sources of this graph that {@code next} did not take over: to be closed once requests on them end. */
    public List<Repository> retiredBy(RepositoryGraph next) {
        return sources.entrySet().stream().filter(e -> next.sources().get(e.getKey()) != e.getValue())
                .map(Map.Entry::getValue).toList();
    }
}
