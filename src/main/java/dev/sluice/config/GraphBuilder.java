package dev.sluice.config;

import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.gates.MetadataInjector;
import dev.sluice.index.gates.RouteRead;
import dev.sluice.inspection.Inspection;
import dev.sluice.moderation.Moderation;
import dev.sluice.pep.ProjectName;
import dev.sluice.vulnerabilities.Vulnerabilities;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns a checked {@link GraphConfig} into repositories: sources from the factories given, each gate around
 * what it reads from, each node built once however many read from it. A source whose config is unchanged
 * since the previous graph is taken over as it is, caches and downloads in progress included.
 */
public final class GraphBuilder {
    /** How sources come to be: the server owns the stores they use. */
    public interface SourceFactory {
        Repository hosted(NodeConfig.Hosted config);

        Repository proxy(NodeConfig.Proxy config);

        Repository directory(NodeConfig.Directory config) throws IOException;

        Repository bundle(NodeConfig.Bundle config);
    }

    private final SourceFactory factory;
    private final MetadataInjector.Extractor extractor;
    private final Clock clock;
    private final RouteRead.Rule readRule;
    private final Vulnerabilities vulnerabilities;
    private final Inspection inspection;
    private final Moderation moderation;

    /**
     * @param readRule who may read a route: the first gate of every route
     * @param inspection its quarantine is the second gate of every route
     */
    public GraphBuilder(SourceFactory factory, MetadataInjector.Extractor extractor, Clock clock, RouteRead.Rule readRule,
            Vulnerabilities vulnerabilities, Inspection inspection, Moderation moderation) {
        this.moderation = moderation;
        this.readRule = readRule;
        this.vulnerabilities = vulnerabilities;
        this.inspection = inspection;
        this.factory = factory;
        this.extractor = extractor;
        this.clock = clock;
    }

    /** @param previous the graph being replaced (its unchanged sources are reused), or null */
    public RepositoryGraph build(GraphConfig config, RepositoryGraph previous) throws IOException {
        Map<String, Repository> built = new HashMap<>();
        Map<NodeConfig, Repository> sources = new LinkedHashMap<>();
        for (NodeConfig node : config.nodes().values()) {
            if (node.isSource()) {
                Repository reused = previous == null ? null : previous.sources().get(node);
                Repository source = reused != null ? reused : newSource(node);
                sources.put(node, source);
                built.put(node.name(), source);
            }
        }
        Map<String, Repository> routes = new LinkedHashMap<>();
        for (GraphConfig.Route route : config.routes()) {
            Repository served = inspection.quarantine(node(config, route.serve(), built), route.quarantine());
            routes.put(route.path(), new RouteRead(served, route.name(), route.path(), route.anonymousRead(), readRule));
        }
        return new RepositoryGraph(config, routes, sources);
    }

    private Repository newSource(NodeConfig node) throws IOException {
        return switch (node) {
            case NodeConfig.Hosted h -> factory.hosted(h);
            case NodeConfig.Proxy p -> factory.proxy(p);
            case NodeConfig.Directory d -> factory.directory(d);
            case NodeConfig.Bundle b -> factory.bundle(b);
            default -> throw new IllegalArgumentException(node.name() + " is not a source");
        };
    }

    private Repository node(GraphConfig config, String name, Map<String, Repository> built) {
        Repository done = built.get(name);
        if (done != null) {
            return done;
        }
        Repository gate = switch (config.nodes().get(name)) {
            case GateConfig g -> g.build(new GateConfig.Inputs() {
                @Override
                public Repository node(String input) {
                    return GraphBuilder.this.node(config, input, built);
                }

                @Override
                public Clock clock() {
                    return clock;
                }

                @Override
                public MetadataInjector.Extractor extractor() {
                    return extractor;
                }

                @Override
                public Vulnerabilities vulnerabilities() {
                    return vulnerabilities;
                }

                @Override
                public Moderation moderation() {
                    return moderation;
                }

                @Override
                public Predicate<ProjectName> holds(List<String> sources) {
                    return holders(config, sources, built, clock);
                }
            });
            case null -> throw new IllegalArgumentException("no node is named '" + name + "'");
            default -> throw new IllegalStateException(name + " is a source and was built first");
        };
        built.put(name, gate);
        return gate;
    }

    /** Whether any of these sources (null: every hosted source) has the name. */
    private static Predicate<ProjectName> holders(GraphConfig config, List<String> sources, Map<String, Repository> built,
            Clock clock) {
        List<String> names = sources != null ? sources
                : config.nodes().values().stream().filter(NodeConfig.Hosted.class::isInstance).map(NodeConfig::name).toList();
        List<Repository> holders = names.stream().map(built::get).toList();
        return project -> holders.stream().anyMatch(h -> holds(h, project, RequestContext.internal(clock.instant())));
    }

    private static boolean holds(Repository source, ProjectName project, RequestContext context) {
        if (source instanceof dev.sluice.hosted.HostedSource hosted) {
            return hosted.holds(project);
        }
        try {
            source.project(project, context);
            return true;
        } catch (ProjectNotFound notHere) {
            return false;
        }
    }
}
