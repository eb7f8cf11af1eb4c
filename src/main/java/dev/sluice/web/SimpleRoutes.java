package dev.sluice.web;

import dev.sluice.access.Callers;
import dev.sluice.app.LiveGraph;
import dev.sluice.http.FileUrls;
import dev.sluice.http.Timestamps;
import dev.sluice.index.gates.Snapshot;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Every route of the live graph: {@code /simple/} and {@code /indexes/<name>/simple/}, each also as it was at
 * a moment under {@code /snapshot/<time>/} ({@code /snapshot/2026-05-01T12:00:00Z/simple/}; an RFC 3339 time
 * with any offset, or a date for midnight UTC). Routes are looked up per request, so a reload can add,
 * change or remove them.
 */
final class SimpleRoutes {
    private final LiveGraph live;
    private final GraphPages pages = new GraphPages();
    private final RenderedLists lists;
    private final Callers callers;
    private final Clock clock;
    private final AccelRedirect accel;

    SimpleRoutes(LiveGraph live, Callers callers, RenderedLists lists, Clock clock, AccelRedirect accel) {
        this.accel = accel;
        this.clock = clock;
        this.lists = lists;
        this.live = live;
        this.callers = callers;
    }

    void handle(JettyExchange exchange, SimplePath path) throws IOException {
        Instant at = null;
        if (path.snapshot() != null) {
            at = Timestamps.parse(FileUrls.decodeSegment(path.snapshot()));
            if (at == null) {
                ErrorResponses.text(exchange, 400, "Bad Request: '" + path.snapshot()
                        + "' is not an RFC 3339 time such as 2026-05-01T12:00:00Z, or a date such as 2026-05-01");
                return;
            }
        }
        RouteCall call = RouteCall.to(path.route(), live, exchange, callers, clock);
        if (call == null) {
            ErrorResponses.text(exchange, 404, "Not Found: no route serves " + path.route());
            return;
        }
        if (path.rest() == null) {
            exchange.redirect(path.base());
            return;
        }
        new SimpleApi(path.base(), at == null ? call.repository() : new Snapshot(call.repository(), at), pages.of(call.graph()),
                call.graph().generation(), lists, call.context(), accel).serve(exchange, path.rest());
    }
}
