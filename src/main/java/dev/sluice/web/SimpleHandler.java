package dev.sluice.web;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the simple API (GET and HEAD under every route) straight from Jetty, in front of Javalin. These are the
 * requests pip makes by the thousand, and most are answered from cached bytes: without Javalin's servlet,
 * context and route matching layers a small page is answered about twice as fast (docs/benchmarks.md).
 * Everything else falls through to Javalin.
 */
final class SimpleHandler extends Handler.Abstract {
    private final SimpleRoutes routes;
    private final AnsweredRequests answered;
    private final ClientAddress clientAddress;

    SimpleHandler(SimpleRoutes routes, AnsweredRequests answered, ClientAddress clientAddress) {
        this.routes = routes;
        this.answered = answered;
        this.clientAddress = clientAddress;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        SimplePath path = method.equals("GET") || method.equals("HEAD") ? SimplePath.parse(request.getHttpURI().getPath()) : null;
        if (path == null) {
            return false;
        }
        JettyExchange exchange = new JettyExchange(request, response, clientAddress);
        answered.begin(exchange);
        Exception failure = null;
        try {
            routes.handle(exchange, path);
        } catch (Exception e) {
            failure = e;
            ErrorResponses.answer(exchange, e);
        } finally {
            answered.end(exchange);
        }
        exchange.finish(callback, failure);
        return true;
    }
}
