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
 * @param connectTimeout how long connecting to the upstream may take
 * @param timeout how long the upstream may take to start answering once connected, and to send the next bytes
 * @param maxConcurrent upstream requests in flight at once
 * @param username basic-auth user for the upstream (null for none); sent to the upstream's host only
 * @param outboundProxy an HTTP(S) proxy to reach the upstream through, or null
 * @param offline serve only what is cached; never call out
 * @param maxPageBytes the largest page accepted from the upstream
 * @param staleWhileRevalidate how long after its TTL a cached page is still served at once while it is revalidated
 *     in the background; an older page is revalidated before it is served
 * @param circuitFailures transport failures in a row (no connection, no answer in time) that open the circuit
 * @param circuitOpenFor how long an open circuit keeps requests from the upstream before one probes it
 */
public record UpstreamSettings(String name, URI indexUrl, Duration pageTtl, Duration notFoundTtl, Duration connectTimeout,
        Duration timeout, int maxConcurrent, String username, String password, InetSocketAddress outboundProxy,
        int maxRedirects, boolean offline, long maxPageBytes, Duration staleWhileRevalidate, int circuitFailures,
        Duration circuitOpenFor, long maxCacheBytes) {
    /** Connecting takes milliseconds on a working network; waiting longer only delays the fallback to the cache. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Under pip's own 15 s, so that pip gets Sluice's answer (504 naming the upstream) rather than its own timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public static UpstreamSettings defaults(String name, URI indexUrl) {
        return new UpstreamSettings(name, withSlash(indexUrl), Duration.ofMinutes(10), Duration.ofMinutes(1),
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, 16, null, null, null, 5, false, 64L << 20, Duration.ofDays(1), 3,
                Duration.ofSeconds(30), 0);
    }

    public UpstreamSettings withPageTtl(Duration ttl) {
        return edit(b -> b.pageTtl = ttl);
    }

    public UpstreamSettings withNotFoundTtl(Duration ttl) {
        return edit(b -> b.notFoundTtl = ttl);
    }

    public UpstreamSettings withTimeout(Duration t) {
        return edit(b -> b.timeout = t);
    }

    public UpstreamSettings withConnectTimeout(Duration t) {
        return edit(b -> b.connectTimeout = t);
    }

    public UpstreamSettings withStaleWhileRevalidate(Duration window) {
        return edit(b -> b.staleWhileRevalidate = window);
    }

    public UpstreamSettings withCircuit(int failures, Duration openFor) {
        return edit(b -> {
            b.circuitFailures = failures;
            b.circuitOpenFor = openFor;
        });
    }

    public UpstreamSettings withOffline(boolean off) {
        return edit(b -> b.offline = off);
    }

    public UpstreamSettings withMaxPageBytes(long bytes) {
        return edit(b -> b.maxPageBytes = bytes);
    }

    public UpstreamSettings withMaxConcurrent(int n) {
        return edit(b -> b.maxConcurrent = n);
    }

    public UpstreamSettings withOutboundProxy(InetSocketAddress proxy) {
        return edit(b -> b.outboundProxy = proxy);
    }

    /** Keeps the cache within this many bytes, the least recently read files leaving first; 0: no limit. */
    public UpstreamSettings withMaxCacheBytes(long bytes) {
        return edit(b -> b.maxCacheBytes = bytes);
    }

    public UpstreamSettings withCredentials(String user, String pass) {
        return edit(b -> {
            b.username = user;
            b.password = pass;
        });
    }

    /** A copy with some components changed: the one place that lists them all. */
    private UpstreamSettings edit(java.util.function.Consumer<Editable> change) {
        Editable b = new Editable(this);
        change.accept(b);
        return new UpstreamSettings(b.name, b.indexUrl, b.pageTtl, b.notFoundTtl, b.connectTimeout, b.timeout,
                b.maxConcurrent, b.username, b.password, b.outboundProxy, b.maxRedirects, b.offline, b.maxPageBytes,
                b.staleWhileRevalidate, b.circuitFailures, b.circuitOpenFor, b.maxCacheBytes);
    }

    private static final class Editable {
        String name;
        URI indexUrl;
        Duration pageTtl;
        Duration notFoundTtl;
        Duration connectTimeout;
        Duration timeout;
        int maxConcurrent;
        String username;
        String password;
        InetSocketAddress outboundProxy;
        int maxRedirects;
        boolean offline;
        long maxPageBytes;
        Duration staleWhileRevalidate;
        int circuitFailures;
        Duration circuitOpenFor;
        long maxCacheBytes;

        Editable(UpstreamSettings s) {
            name = s.name;
            indexUrl = s.indexUrl;
            pageTtl = s.pageTtl;
            notFoundTtl = s.notFoundTtl;
            connectTimeout = s.connectTimeout;
            timeout = s.timeout;
            maxConcurrent = s.maxConcurrent;
            username = s.username;
            password = s.password;
            outboundProxy = s.outboundProxy;
            maxRedirects = s.maxRedirects;
            offline = s.offline;
            maxPageBytes = s.maxPageBytes;
            staleWhileRevalidate = s.staleWhileRevalidate;
            circuitFailures = s.circuitFailures;
            circuitOpenFor = s.circuitOpenFor;
            maxCacheBytes = s.maxCacheBytes;
        }
    }

    /**
     * Settings for an index URL that may carry credentials ({@code https://user:pass@host/simple/}): they are
     * taken out of the URL (so they never appear in logs or pages) and used as basic auth; without them, the
     * netrc entry for the host is used, if any.
     */
    public static UpstreamSettings fromUrl(String name, URI url, java.nio.file.Path netrc) throws java.io.IOException {
        String userInfo = url.getRawUserInfo();
        URI clean;
        try {
            clean = new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(), null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a usable URL: " + e.getMessage(), e);
        }
        UpstreamSettings settings = defaults(name, clean);
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = java.net.URLDecoder.decode(colon < 0 ? userInfo : userInfo.substring(0, colon), java.nio.charset.StandardCharsets.UTF_8);
            String pass = colon < 0 ? "" : java.net.URLDecoder.decode(userInfo.substring(colon + 1), java.nio.charset.StandardCharsets.UTF_8);
            return settings.withCredentials(user, pass);
        }
        return Netrc.lookup(netrc, clean.getHost()).map(l -> settings.withCredentials(l.login(), l.password())).orElse(settings);
    }


    private static URI withSlash(URI uri) {
        return uri.toString().endsWith("/") ? uri : URI.create(uri + "/");
    }
}
