package dev.sluice.access;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Refuses cross-site request forgery before any credential is looked at. A browser replays Basic credentials it
 * has cached for this host on any request a foreign page makes it send, so every state-changing request (POST, PUT,
 * PATCH, DELETE) is refused when the browser says it comes from another site ({@code Sec-Fetch-Site} other than
 * {@code same-origin} or {@code none}) or names a foreign {@code Origin} (its host and port against {@code Host}).
 * JSON endpoints take {@code application/json} only (or no body at all): an HTML form can send no such body.
 * Clients that are not browsers (twine, pip, curl, the CLI) send neither header and are not affected. This does not
 * protect against a page on this very host; nothing here serves pages a user writes.
 */
public final class CrossSiteGuard {
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private final SecurityLog log;
    private final Predicate<String> takesForms;

    /** @param takesForms the paths whose bodies are not JSON (the upload endpoint's multipart form) */
    public CrossSiteGuard(SecurityLog log, Predicate<String> takesForms) {
        this.log = log;
        this.takesForms = takesForms;
    }

    /** @throws AccessRefused 403 for a foreign site, 415 for a JSON endpoint's body of another type */
    public void check(Context ctx) {
        String method = ctx.method().name();
        if (!CHANGES.contains(method)) {
            return;
        }
        String reason = foreignSite(ctx.header("Sec-Fetch-Site"), ctx.header("Origin"), ctx.header("Host"));
        if (reason != null) {
            log.refused(null, ctx.ip(), "cross-site " + method, ctx.path(), reason);
            throw new AccessRefused(403, "Forbidden: " + reason + "; state-changing requests must come from this site or"
                    + " from a client that is not a browser", null, 0);
        }
        if (!takesForms.test(ctx.path())) {
            String type = ctx.header("Content-Type");
            boolean json = type != null && type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json");
            if (!json && (type != null || hasBody(ctx))) {
                throw new AccessRefused(415, "Unsupported Media Type: " + ctx.path() + " takes a JSON body sent as"
                        + " 'Content-Type: application/json' (or no body), not " + (type == null ? "a body without a type" : "'" + type + "'"),
                        null, 0);
            }
        }
    }

    /** Why the browser's own headers say the request comes from another site, or null. */
    static String foreignSite(String fetchSite, String origin, String host) {
        if (fetchSite != null && !OWN_SITE.contains(fetchSite.strip().toLowerCase(Locale.ROOT))) {
            return "a cross-site request (Sec-Fetch-Site: " + fetchSite.strip() + ")";
        }
        if (origin != null && !sameAuthority(origin.strip(), host)) {
            return "a request from another origin (" + (origin.length() > 100 ? origin.substring(0, 100) + "..." : origin.strip()) + ")";
        }
        return null;
    }

    /**
     * Whether an Origin names this host and port. The scheme is not compared: a TLS proxy in front of Sluice turns
     * https into http on the way, and the Host header passes through it unchanged.
     */
    private static boolean sameAuthority(String origin, String host) {
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null) {
                return false;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equalsIgnoreCase("https") ? 443 : 80;
            URI own = URI.create(scheme + "://" + host.strip());
            int ownPort = own.getPort() >= 0 ? own.getPort() : port;
            return uri.getHost().equalsIgnoreCase(own.getHost()) && port == ownPort;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static boolean hasBody(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        return length > 0 || length < 0 && ctx.header("Transfer-Encoding") != null;
    }
}
