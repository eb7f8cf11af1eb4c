package dev.sluice.web;

import dev.sluice.access.Callers;
import dev.sluice.app.LiveGraph;
import dev.sluice.config.GraphConfig;
import dev.sluice.http.Exchange;
import dev.sluice.http.RequestAttributes;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import java.time.Clock;

/**
 * A request to one route of the graph served now: the route, its repository, and the context every call to it
 * carries (who asks, found before anything is answered: wrong credentials are refused on every route; whether they
 * may read the route is the route's first gate's to say).
 */
record RouteCall(LiveGraph.Current graph, GraphConfig.Route route, Repository repository, RequestContext context) {
    /** The call to the route at {@code path}, or null when no route serves it. Leaves the route's name on the request. */
    static RouteCall to(String path, LiveGraph live, Exchange exchange, Callers callers, Clock clock) {
        LiveGraph.Current current = live.current();
        Repository repository = current.graph().route(path);
        GraphConfig.Route route = current.graph().config().routeAt(path);
        if (repository == null || route == null) {
            return null;
        }
        exchange.attribute(RequestAttributes.ROUTE, route.name());
        return new RouteCall(current, route, repository, new RequestContext(callers.identify(exchange, "Basic"), route.name(),
                exchange.ip(), clock.instant()));
    }
}
