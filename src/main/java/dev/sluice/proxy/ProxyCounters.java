package dev.sluice.proxy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a proxy source did, counted for /metrics: pages answered from the cache or fetched, stale pages served
 * because the upstream failed, files served from the cache (or a download already running) or downloaded,
 * and upstream failures, and the upstream's circuit (its state as a gauge: 0 closed, 1 open, 2 probing; how often it
 * opened; requests it kept from the upstream). One instance per source name outlives reloads, so the counts stay
 * monotonic.
 */
public final class ProxyCounters {
    public final AtomicLong pageHits = new AtomicLong();
    public final AtomicLong pageFetches = new AtomicLong();
    public final AtomicLong stalePages = new AtomicLong();
    public final AtomicLong fileHits = new AtomicLong();
    public final AtomicLong fileDownloads = new AtomicLong();
    public final AtomicLong upstreamErrors = new AtomicLong();
    public final AtomicLong backgroundRevalidations = new AtomicLong();
    public final AtomicLong circuitState = new AtomicLong();
    public final AtomicLong circuitOpenings = new AtomicLong();
    public final AtomicLong circuitRefusals = new AtomicLong();
}
