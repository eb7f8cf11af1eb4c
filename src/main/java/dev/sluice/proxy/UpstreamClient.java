package dev.sluice.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * HTTP to one upstream index: redirects followed by hand up to a limit, credentials sent to the upstream's
 * own host only, at most {@code maxConcurrent} requests at once, and every failure turned into an
 * {@link UpstreamException} that names it (timeout 504, unreachable 503, anything broken 502).
 */
final class UpstreamClient implements UpstreamHttp {
    /** An upstream answer whose body is still to be read (and closed). */
    record Response(int status, java.net.http.HttpHeaders headers, InputStream body, URI uri) implements AutoCloseable {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The seconds of a {@code Retry-After} in seconds, or null (absent, or a date). */
        Long retryAfter() {
            String value = header("Retry-After");
            if (value == null) {
                return null;
            }
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** Closes the body, when the answer is refused unread. */
        void closeQuietly() {
            try {
                close();
            } catch (IOException ignored) {
                // nothing more to read from it anyway
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private final UpstreamSettings settings;
    private final HttpClient client;
    private final Semaphore permits;
    private final UpstreamCircuit circuit;

    UpstreamClient(UpstreamSettings settings, UpstreamCircuit circuit) {
        this.settings = settings;
        this.circuit = circuit;
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout());
        if (settings.outboundProxy() != null) {
            builder.proxy(ProxySelector.of(settings.outboundProxy()));
        }
        this.client = builder.build();
        this.permits = new Semaphore(settings.maxConcurrent(), true);
    }

    /** GETs a URL; the caller closes the response. */
    @Override
    public Response get(URI uri, Map<String, String> headers) throws UpstreamException {
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")
                || uri.getHost() == null) {
            throw new UpstreamException(502, "listed " + uri + ", not an http(s) URL");
        }
        URI current = uri;
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(settings.timeout())
                    .header("User-Agent", "Sluice (proxy for " + settings.name() + ")");
            headers.forEach(request::header);
            if (settings.username() != null && sameOrigin(current, settings.indexUrl())) {
                String credentials = settings.username() + ":" + (settings.password() == null ? "" : settings.password());
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<InputStream> response = send(request.build());
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String location = response.headers().firstValue("Location").orElse(null);
                close(response.body());
                if (location == null) {
                    throw new UpstreamException(502, "redirect without a Location from " + current);
                }
                URI next;
                try {
                    next = current.resolve(location.strip());
                } catch (IllegalArgumentException e) {
                    throw new UpstreamException(502, "redirected from " + current + " to an unreadable Location");
                }
                if (next.getScheme() == null || !next.getScheme().equalsIgnoreCase("http") && !next.getScheme().equalsIgnoreCase("https")
                        || next.getHost() == null) {
                    throw new UpstreamException(502, "redirected from " + current + " to " + next + ", not an http(s) URL");
                }
                current = next;
                continue;
            }
            return new Response(status, response.headers(), response.body(), current);
        }
        throw new UpstreamException(502, "more than " + settings.maxRedirects() + " redirects from " + uri);
    }

    /**
     * Whether a URL has the index's scheme, host and port: only there are the index's credentials sent. A redirect to
     * another port is another server, and one from https to http would send them in clear text.
     */
    static boolean sameOrigin(URI url, URI index) {
        return url.getScheme() != null && url.getScheme().equalsIgnoreCase(index.getScheme())
                && url.getHost() != null && url.getHost().equalsIgnoreCase(index.getHost()) && port(url) == port(index);
    }

    private static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws UpstreamException {
        circuit.beforeCall();
        try {
            HttpResponse<InputStream> response = sendOnce(request);
            circuit.succeeded();
            return response;
        } catch (UpstreamException e) {
            circuit.failed(e.getMessage());
            throw e;
        } catch (RuntimeException | Error e) {
            circuit.failed(String.valueOf(e));
            throw e;
        }
    }

    private HttpResponse<InputStream> sendOnce(HttpRequest request) throws UpstreamException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(503, "interrupted while waiting for an upstream connection");
        }
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new UpstreamException(504, "could not connect within " + settings.connectTimeout().toSeconds() + " s to "
                    + request.uri(), null, e);
        } catch (HttpTimeoutException e) {
            throw new UpstreamException(504, "no answer within " + settings.timeout().toSeconds() + " s from " + request.uri(), null, e);
        } catch (ConnectException e) {
            throw new UpstreamException(503, "cannot connect to " + request.uri() + " ("
                    + (e.getMessage() == null ? "connection refused or unreachable" : e.getMessage()) + ")", null, e);
        } catch (IOException e) {
            throw new UpstreamException(502, "the connection to " + request.uri() + " broke: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(503, "interrupted", null, e);
        } finally {
            permits.release();
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to read from it anyway
        }
    }

    UpstreamSettings settings() {
        return settings;
    }
}
