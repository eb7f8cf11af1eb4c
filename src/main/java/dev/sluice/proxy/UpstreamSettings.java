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
        return edit(b -> b.pageTtl = ttl);
    }

    public UpstreamSettings withNotFoundTtl(Duration ttl) {
        return edit(b -> b.notFoundTtl = ttl);
    }

    public UpstreamSettings withTimeout(Duration t) {
        return edit(b -> b.timeout = t);
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
        return new UpstreamSettings(b.name, b.indexUrl, b.pageTtl, b.notFoundTtl, b.timeout, b.maxConcurrent, b.username,
                b.password, b.outboundProxy, b.maxRedirects, b.offline, b.maxPageBytes);
    }

    private static final class Editable {
        String name;
        URI indexUrl;
        Duration pageTtl;
        Duration notFoundTtl;
        Duration timeout;
        int maxConcurrent;
        String username;
        String password;
        InetSocketAddress outboundProxy;
        int maxRedirects;
        boolean offline;
        long maxPageBytes;

        Editable(UpstreamSettings s) {
            name = s.name;
            indexUrl = s.indexUrl;
            pageTtl = s.pageTtl;
            notFoundTtl = s.notFoundTtl;
            timeout = s.timeout;
            maxConcurrent = s.maxConcurrent;
            username = s.username;
            password = s.password;
            outboundProxy = s.outboundProxy;
            maxRedirects = s.maxRedirects;
            offline = s.offline;
            maxPageBytes = s.maxPageBytes;
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
