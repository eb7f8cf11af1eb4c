package dev.sluice.config;

import dev.sluice.index.Repository;
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

    /** The sources of this graph that {@code next} did not take over: to be closed once requests on them end. */
    public List<Repository> retiredBy(RepositoryGraph next) {
        return sources.entrySet().stream().filter(e -> next.sources().get(e.getKey()) != e.getValue())
                .map(Map.Entry::getValue).toList();
    }
}
