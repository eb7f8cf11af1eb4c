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

    public UpstreamSettings withMaxConcurrent(int n) {
        return new UpstreamSettings(name, indexUrl, pageTtl, notFoundTtl, timeout, n, username, password,
                outboundProxy, maxRedirects, offline, maxPageBytes);
    }

    public UpstreamSettings withOutboundProxy(InetSocketAddress proxy) {
        return new UpstreamSettings(name, indexUrl, pageTtl, notFoundTtl, timeout, maxConcurrent, username, password,
                proxy, maxRedirects, offline, maxPageBytes);
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

    public UpstreamSettings withCredentials(String user, String pass) {
        return new UpstreamSettings(name, indexUrl, pageTtl, notFoundTtl, timeout, maxConcurrent, user, pass,
                outboundProxy, maxRedirects, offline, maxPageBytes);
    }

    private static URI withSlash(URI uri) {
        return uri.toString().endsWith("/") ? uri : URI.create(uri + "/");
    }
}
