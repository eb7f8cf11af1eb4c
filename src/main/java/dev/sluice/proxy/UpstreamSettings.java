package dev.sluice.proxy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

/**
 * How a proxy source talks to its upstream index.
 *
 * @param indexUrl the upstream simple index, e.g. {@code https://pypi.org/simple/}
 * @param pageTtl how long a fetched page is served before it is revalidated
 * @param notFoundTtl how long an upstream 404 is remembered
 * @param timeout how long the upstream may take to start answering, and to send the next bytes
 * @param maxConcurrent upstream requests in flight at once
 * @param username basic-auth user for the upstream (null for none); sent to the upstream's host only
 * @param outboundProxy an HTTP(S) proxy to reach the upstream through, or null
 * @param offline serve only what is cached; never call out
 * @param maxPageBytes the largest page accepted from the upstream
 */
public record UpstreamSettings(String name, URI indexUrl, Duration pageTtl, Duration notFoundTtl, Duration timeout,
        int maxConcurrent, String username, String password, InetSocketAddress outboundProxy, int maxRedirects,
        boolean offline, long maxPageBytes) {

    public static UpstreamSettings defaults(String name, URI indexUrl) {
        return new UpstreamSettings(name, withSlash(indexUrl), Duration.ofMinutes(10), Duration.ofMinutes(1),
                Duration.ofSeconds(30), 16, null, null, null, 5, false, 64L << 20);
    }

    public UpstreamSettings withPageTtl(Duration ttl) {
        return new UpstreamSettings(name, indexUrl, ttl, notFoundTtl, timeout, maxConcurrent, username, password,
                outboundProxy, maxRedirects, offline, maxPageBytes);
    }

    public UpstreamSettings withNotFoundTtl(Duration ttl) {
        return new UpstreamSettings(name, indexUrl, pageTtl, ttl, timeout, maxConcurrent, username, password,
                outboundProxy, maxRedirects, offline, maxPageBytes);
    }

    public UpstreamSettings withTimeout(Duration t) {
        return new UpstreamSettings(name, indexUrl, pageTtl, notFoundTtl, t, maxConcurrent, username, password,
                outboundProxy, maxRedirects, offline, maxPageBytes);
    }

    public UpstreamSettings withOffline(boolean off) {
        return new UpstreamSettings(name, indexUrl, pageTtl, notFoundTtl, timeout, maxConcurrent, username, password,
                outboundProxy, maxRedirects, off, maxPageBytes);
    }

    public UpstreamSettings withMaxPageBytes(long bytes) {
        return new UpstreamSettings(name, indexUrl, pageTtl, notFoundTtl, timeout, maxConcurrent, username, password,
                outboundProxy, maxRedirects, offline, bytes);
    }

    public UpstreamSettings withCredentials(String user, String pass) {
        return new UpstreamSettings(name, indexUrl, pageTtl, notFoundTtl, timeout, maxConcurrent, user, pass,
                outboundProxy, maxRedirects, offline, maxPageBytes);
    }

    private static URI withSlash(URI uri) {
        return uri.toString().endsWith("/") ? uri : URI.create(uri + "/");
    }
}
