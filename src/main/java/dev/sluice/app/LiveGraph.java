package dev.sluice.app;

import dev.sluice.config.GraphBuilder;
import dev.sluice.config.GraphConfig;
import dev.sluice.config.RepositoryGraph;
import dev.sluice.index.Repository;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graph the routes serve now, replaced whole by a reload. A request takes the graph once and keeps it to
 * the end, so a reload never changes the graph under a request in flight. Sources the new graph does not
 * take over are closed after a grace period, so downloads already running on them finish first.
 */
public final class LiveGraph implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveGraph.class);

    /** A built graph; the generation counts the graphs built, for caches kept outside (a new graph can render differently). */
    public record Current(RepositoryGraph graph, long generation) {}

    private final GraphBuilder builder;
    private final Duration retireAfter;
    private final AtomicReference<Current> current = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicLong generations = new java.util.concurrent.atomic.AtomicLong();

    LiveGraph(GraphBuilder builder, GraphConfig config, Duration retireAfter) throws IOException {
        this.builder = builder;
        this.retireAfter = retireAfter;
        current.set(new Current(builder.build(config, null), generations.incrementAndGet()));
    }

    public Current current() {
        return current.get();
    }

    /** Builds the new graph and swaps it in; on failure the running graph stays. */
    synchronized void replace(GraphConfig config) throws IOException {
        Current old = current.get();
        RepositoryGraph next = builder.build(config, old.graph());
        current.set(new Current(next, generations.incrementAndGet()));
        List<Repository> retired = old.graph().retiredBy(next);
        if (!retired.isEmpty()) {
            Thread.ofVirtual().name("sluice-retire").start(() -> {
                try {
                    Thread.sleep(retireAfter);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                closeAll(retired);
            });
        }
    }

    private static void closeAll(List<Repository> sources) {
        for (Repository source : sources) {
            if (source instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("closing a retired source failed: {}", e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        closeAll(List.copyOf(current.get().graph().sources().values()));
    }
}
