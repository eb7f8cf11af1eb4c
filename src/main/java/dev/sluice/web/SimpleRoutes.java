package dev.sluice.web;

import dev.sluice.access.Identity;
import dev.sluice.config.GraphConfig;
import dev.sluice.index.Repository;
import dev.sluice.index.gates.Snapshot;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;

/**
 * Every route of the live graph: {@code /simple/} and {@code /indexes/<name>/simple/}, each also as it was at
 * a moment under {@code /snapshot/<time>/} ({@code /snapshot/2026-05-01T12:00:00Z/simple/}; an RFC 3339 time
 * with any offset, or a date for midnight UTC). Routes are looked up per request, so a reload can add,
 * change or remove them.
 */
final class SimpleRoutes {
    private static final String SNAPSHOT = "/snapshot/{time}";

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
    void checkRead(Context ctx, GraphConfig.Route route) {
        Identity identity = gatekeeper.identify(ctx, "Basic");
        if (route.anonymousRead()) {
            return;
        }
        if (identity.isAnonymous()) {
            throw new AccessRefused(401, "Authentication required: this index is private", "Basic", 0);
        }
        if (!identity.mayRead(route.name())) {
            throw gatekeeper.forbid(identity, ctx, "read", route.path(), "this credential may not read the route '" + route.name() + "'");
        }
    }

    void register(RoutesConfig routes) {
        for (String prefix : new String[] {"", SNAPSHOT}) {
            for (String base : new String[] {"/simple", "/indexes/{route}/simple"}) {
                for (String tail : new String[] {"", "/", "/{project}", "/{project}/", "/{project}/{file}"}) {
                    routes.get(prefix + base + tail, this::handle);
                    routes.head(prefix + base + tail, this::handle);
                }
            }
        }
    }

    private void handle(Context ctx) throws IOException {
        String uri = ctx.req().getRequestURI();
        String[] segments = uri.split("/", -1);
        Instant at = null;
        String prefix = "";
        if (segments[1].equals("snapshot")) {
            at = Timestamps.parse(FileUrls.decodeSegment(segments[2]));
            if (at == null) {
                ctx.status(400).contentType("text/plain; charset=utf-8").result("Bad Request: '" + segments[2]
                        + "' is not an RFC 3339 time such as 2026-05-01T12:00:00Z, or a date such as 2026-05-01\n");
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
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not Found: no route serves " + path + "\n");
            return;
        }
        ctx.attribute(UsageRecorder.ROUTE, route.name());
        checkRead(ctx, route);
        if (rest.length() == path.length() - 1) {
            ctx.redirect(prefix + path + (ctx.queryString() == null ? "" : "?" + ctx.queryString()), io.javalin.http.HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        new SimpleApi(prefix + path, at == null ? repository : new Snapshot(repository, at), current, lists).serve(ctx);
    }
}
