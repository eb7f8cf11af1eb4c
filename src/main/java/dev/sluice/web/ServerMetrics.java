package dev.sluice.web;

import dev.sluice.usage.UsageLog;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /metrics} in Prometheus' text format: requests and their latency by kind (list, page, file,
 * metadata, upload, admin, other) and decision (served, refused, not-found, unavailable, ...), the usage
 * log's queue depth, written and dropped events, and the JVM (memory, GC, threads, CPU, uptime). It names no
 * project or user, so it is open like {@code /health}.
 */
final class ServerMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param usageLog null when the usage log is off */
    ServerMetrics(UsageLog usageLog) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (usageLog != null) {
            registry.gauge("sluice.usage.queue.depth", usageLog, UsageLog::queued);
            registry.more().counter("sluice.usage.events.written", java.util.List.of(), usageLog, UsageLog::written);
            registry.more().counter("sluice.usage.events.dropped", java.util.List.of(), usageLog, UsageLog::dropped);
        }
    }

    void register(RoutesConfig routes) {
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    }

    /** Counts an answered request. */
    void answered(Context ctx, float millis) {
        String kind = UsageRecorder.kind(ctx, ctx.path());
        String decision = UsageRecorder.decision(ctx.statusCode());
        // One timer per kind and decision, looked up without building tags on every request.
        timers.computeIfAbsent(kind + "|" + decision, key -> Timer.builder("sluice.requests")
                        .description("answered requests by kind and decision").tag("kind", kind).tag("decision", decision)
                        .register(registry))
                .record((long) (millis * 1_000_000), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
