package dev.sluice.web;

import dev.sluice.access.Identity;
import dev.sluice.config.GraphConfig;
import dev.sluice.index.Repository;
import dev.sluice.index.gates.Snapshot;
import java.io.IOException;
import java.time.Instant;

/**
 * Every route of the live graph: {@code /simple/} and {@code /indexes/<name>/simple/}, each also as it was at
 * a moment under {@code /snapshot/<time>/} ({@code /snapshot/2026-05-01T12:00:00Z/simple/}; an RFC 3339 time
 * with any offset, or a date for midnight UTC). Routes are looked up per request, so a reload can add,
 * change or remove them.
 */
final class SimpleRoutes {
    private final LiveGraph live;
    private final RenderedLists lists;
    private final Gatekeeper gatekeeper;

    SimpleRoutes(LiveGraph live, Gatekeeper gatekeeper, RenderedLists lists) {
        this.lists = lists;
        this.live = live;
        this.gatekeeper = gatekeeper;
    }

    /**
     * Refuses a caller who may not read the route at this path: 401 with a Basic challenge (so that pip sends
     * its credentials from netrc or a keyring) or 403. A route readable by anyone still refuses bad credentials.
     */
    void checkRead(Exchange exchange, GraphConfig.Route route) {
        Identity identity = gatekeeper.identify(exchange, "Basic");
        if (route.anonymousRead()) {
            return;
        }
        if (identity.isAnonymous()) {
            throw new AccessRefused(401, "Authentication required: this index is private", "Basic", 0);
        }
        if (!identity.mayRead(route.name())) {
            throw gatekeeper.forbid(identity, exchange, "read", route.path(), "this credential may not read the route '" + route.name() + "'");
        }
    }

    /**
     * Whether the path has the shape of a simple API path: {@code [/snapshot/<time>](/simple|/indexes/<route>/simple)}
     * followed by nothing, {@code /}, {@code /<project>}, {@code /<project>/} or {@code /<project>/<file>}.
     * Whether the route, project or file exists is for {@link #handle} to say.
     */
    static boolean serves(String path) {
        String[] segments = path.split("/", -1);
        int at = 1;
        if (segments.length > 2 && segments[1].equals("snapshot") && !segments[2].isEmpty()) {
            at = 3;
        }
        if (at < segments.length && segments[at].equals("indexes")) {
            if (at + 2 >= segments.length || segments[at + 1].isEmpty()) {
                return false;
            }
            at += 2;
        }
        if (at >= segments.length || !segments[at].equals("simple")) {
            return false;
        }
        int tail = segments.length - at - 1; // the segments after "simple"
        return switch (tail) {
            case 0 -> true;
            case 1 -> true; // "/simple/" or "/simple/<project>"
            case 2 -> !segments[at + 1].isEmpty(); // "/<project>/" or "/<project>/<file>"
            default -> false;
        };
    }

    void handle(JettyExchange exchange) throws IOException {
        String uri = exchange.path();
        String[] segments = uri.split("/", -1);
        Instant at = null;
        String prefix = "";
        if (segments[1].equals("snapshot")) {
            at = Timestamps.parse(FileUrls.decodeSegment(segments[2]));
            if (at == null) {
                ErrorResponses.text(exchange, 400, "Bad Request: '" + segments[2]
                        + "' is not an RFC 3339 time such as 2026-05-01T12:00:00Z, or a date such as 2026-05-01");
                return;
            }
            prefix = "/snapshot/" + segments[2];
        }
        String rest = uri.substring(prefix.length());
        String path = rest.startsWith("/simple") ? "/simple/" : "/indexes/" + rest.split("/", -1)[2] + "/simple/";
        LiveGraph.Current current = live.current();
        Repository repository = current.graph().route(path);
        GraphConfig.Route route = current.graph().config().routeAt(path);
        if (repository == null || route == null) {
            ErrorResponses.text(exchange, 404, "Not Found: no route serves " + path);
            return;
        }
        exchange.attribute(UsageRecorder.ROUTE, route.name());
        checkRead(exchange, route);
        if (rest.length() == path.length() - 1) {
            exchange.redirect(prefix + path);
            return;
        }
        new SimpleApi(prefix + path, at == null ? repository : new Snapshot(repository, at), current, lists).serve(exchange);
    }
}
