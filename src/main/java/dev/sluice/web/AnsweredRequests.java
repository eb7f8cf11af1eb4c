package dev.sluice.web;

import dev.sluice.app.JsonLogLines;
import dev.sluice.app.Metrics;
import dev.sluice.http.Exchange;
import dev.sluice.http.RequestAttributes;
import org.slf4j.MDC;

/**
 * What happens around every request, on both the Javalin routes and {@link SimpleHandler}: it is counted in
 * flight, timed, and once answered turned into a usage event and metrics. The event is queued before the
 * answer's bytes leave, so a client that got an answer can count on its event, even when a stop cuts the
 * request's last steps short.
 */
final class AnsweredRequests {
    private static final String STARTED = "sluice.started";
    /** The key of the request's id in the logging context: every line logged while it is handled names it. */
    static final String LOG_KEY = "request_id";

    private final UsageRecorder usage;
    private final Metrics metrics;
    private final InFlightRequests inFlight;
    private final SluiceServer.RequestObserver observer;
    private final RequestIds ids = new RequestIds();

    AnsweredRequests(UsageRecorder usage, Metrics metrics, InFlightRequests inFlight, SluiceServer.RequestObserver observer) {
        this.usage = usage;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.observer = observer;
    }

    void begin(Exchange exchange) {
        inFlight.enter();
        exchange.attribute(STARTED, System.nanoTime());
        String id = ids.next();
        exchange.attribute(RequestAttributes.REQUEST_ID, id);
        if (JsonLogLines.installed()) {
            MDC.put(LOG_KEY, id);
        }
    }

    void end(Exchange exchange) {
        try {
            Long started = exchange.attribute(STARTED);
            float millis = started == null ? 0 : (System.nanoTime() - started) / 1e6f;
            String path = exchange.path();
            String kind = UsageRecorder.kind(exchange, path);
            String decision = UsageRecorder.decision(exchange.status());
            usage.answered(exchange, kind, decision, millis);
            metrics.answered(exchange.attribute(RequestAttributes.ROUTE), kind, decision, millis);
            observer.answered(exchange.method(), path, exchange.status());
        } finally {
            inFlight.exit();
            if (JsonLogLines.installed()) {
                MDC.remove(LOG_KEY);
            }
        }
    }
}
