package dev.sluice.proxy;

/**
 * What every part of a proxy source shares about its upstream: its settings, the one HTTP client (and its limit on
 * concurrent requests), the watchdog that breaks off stalled transfers, and the counters the metrics show.
 */
record Upstream(UpstreamSettings settings, UpstreamHttp client, StallWatchdog watchdog, ProxyCounters counters) {}
