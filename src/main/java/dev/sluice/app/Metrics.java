package dev.sluice.app;

import dev.sluice.proxy.ProxyCounters;
import dev.sluice.usage.Usage;
import dev.sluice.vulnerabilities.Vulnerabilities;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What {@code GET /metrics} shows, in Prometheus' text format: requests and their latency by route, kind (list, page, file,
 * metadata, upload, admin, other) and decision (served, refused, not-found, unavailable, ...), each proxy
 * source's cache hits, fetches, stale pages and upstream failures, the usage log's queue depth, written and
 * dropped events, and the JVM (memory, GC, threads, CPU, uptime). It names no
 * project or user, so it is open like {@code /health}.
 */
public final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private boolean jvmBound;
    private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, ProxyCounters> proxies = new java.util.concurrent.ConcurrentHashMap<>();

    Metrics(Usage usage) {
        if (usage.recording()) {
            registry.gauge("sluice.usage.queue.depth", usage, Usage::queued);
            registry.more().counter("sluice.usage.events.written", java.util.List.of(), usage, Usage::written);
            registry.more().counter("sluice.usage.events.dropped", java.util.List.of(), usage, Usage::dropped);
        }
    }

    /** Known vulnerabilities: advisories in force, and how old the data is (alert when refreshing stops working). */
    void bind(Vulnerabilities vulnerabilities) {
        io.micrometer.core.instrument.Gauge.builder("sluice.vulnerabilities.advisories", vulnerabilities,
                Vulnerabilities::inForce).description("advisories in force (not withdrawn)").register(registry);
        io.micrometer.core.instrument.Gauge.builder("sluice.vulnerabilities.data.age", vulnerabilities,
                Vulnerabilities::dataAgeSeconds).baseUnit("seconds")
                .description("since the advisories were last imported or found unchanged; -1 before the first import")
                .register(registry);
    }

    /**
     * The counters of the proxy source with this name, created and bound on first use and the same for every
     * source of that name after a reload.
     */
    ProxyCounters proxyCounters(String source) {
        return proxies.computeIfAbsent(source, name -> {
            ProxyCounters c = new ProxyCounters();
            bind("sluice.proxy.page.hits", "pages answered from the cache", name, c.pageHits);
            bind("sluice.proxy.page.fetches", "pages asked of the upstream", name, c.pageFetches);
            bind("sluice.proxy.page.stale", "stale pages served because the upstream failed", name, c.stalePages);
            bind("sluice.proxy.file.hits", "files served from the cache or a running download", name, c.fileHits);
            bind("sluice.proxy.file.downloads", "files downloaded from the upstream", name, c.fileDownloads);
            bind("sluice.proxy.upstream.errors", "upstream failures", name, c.upstreamErrors);
            bind("sluice.proxy.page.background.revalidations", "expired pages served at once and revalidated behind", name,
                    c.backgroundRevalidations);
            bind("sluice.proxy.circuit.openings", "times the upstream's circuit opened", name, c.circuitOpenings);
            bind("sluice.proxy.circuit.refusals", "requests kept from the upstream while its circuit was open", name,
                    c.circuitRefusals);
            io.micrometer.core.instrument.Gauge.builder("sluice.proxy.circuit.state", c.circuitState,
                            java.util.concurrent.atomic.AtomicLong::get)
                    .description("the upstream's circuit: 0 closed, 1 open, 2 probing").tag("source", name).register(registry);
            return c;
        });
    }

    private void bind(String metric, String description, String source, java.util.concurrent.atomic.AtomicLong value) {
        io.micrometer.core.instrument.FunctionCounter.builder(metric, value, java.util.concurrent.atomic.AtomicLong::get)
                .description(description).tag("source", source).register(registry);
    }

    /**
     * The JVM's meters are bound when they are first asked for, not at start, where binding them took 30-40 ms of
     * every start; the collector's pauses are counted from then on (a scraper asks within seconds of a start).
     */
    private synchronized void bindJvmOnce() {
        if (jvmBound) {
            return;
        }
        jvmBound = true;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Every metric, in Prometheus' text format (version 0.0.4). */
    public String scrape() {
        bindJvmOnce();
        return registry.scrape();
    }

    /** Counts an answered request; {@code route} is null outside the index routes. */
    public void answered(String route, String kind, String decision, float millis) {
        String routeTag = route == null ? "none" : route;
        // One timer per route, kind and decision, looked up without building tags on every request.
        timers.computeIfAbsent(routeTag + "|" + kind + "|" + decision, key -> Timer.builder("sluice.requests")
                        .description("answered requests by route, kind and decision").tag("route", routeTag)
                        .tag("kind", kind).tag("decision", decision)
                        .register(registry))
                .record((long) (millis * 1_000_000), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
