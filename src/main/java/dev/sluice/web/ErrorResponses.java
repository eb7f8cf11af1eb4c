package dev.sluice.web;

import dev.sluice.access.AccessRefused;
import dev.sluice.access.Callers;
import dev.sluice.hosted.UploadRejected;
import dev.sluice.http.Exchange;
import dev.sluice.http.JavalinExchange;
import dev.sluice.http.JsonBodies;
import dev.sluice.http.RequestAttributes;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.Refused;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.store.StorageFault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client is told when a handler throws: the status and a one-line reason, the same on every route. The
 * reason is also left for the usage log, with the gate that refused when one did.
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    /** Answers every exception a Javalin route throws, and a path no route matched. */
    static void register(io.javalin.config.RoutesConfig routes) {
        io.javalin.http.ExceptionHandler<Exception> failed = (e, ctx) -> answer(new JavalinExchange(ctx), e);
        routes.exception(Exception.class, failed);
        routes.error(404, "*", ctx -> {
            // Only when no route matched: handlers' own 404s already say what is missing.
            if (ctx.result() == null || ctx.result().startsWith("Endpoint ")) {
                text(new JavalinExchange(ctx), 404, "Not Found: " + ctx.path());
            }
        });
    }

    static void answer(Exchange exchange, Exception failure) {
        StorageFault storage = failure instanceof UploadRejected || failure instanceof AccessRefused ? null
                : StorageFault.in(failure);
        if (storage != null) {
            LOG.error("{} {}: {}", exchange.method(), exchange.path(), storage.getMessage(), failure);
            exchange.header("Retry-After", Long.toString(StorageFault.RETRY_AFTER_SECONDS));
            text(exchange, storage.status(), storage.getMessage());
            return;
        }
        switch (failure) {
            case UploadRejected e -> {
                dev.sluice.access.Identity who = exchange.attribute(RequestAttributes.IDENTITY);
                LOG.info("upload of {} refused ({}) for {}: {}", exchange.<String>attribute(RequestAttributes.FILENAME),
                        e.status(), who == null ? "an anonymous caller" : who.name(), e.getMessage());
                if (e.status() == 401 || e.status() == 403) {
                    exchange.attribute(RequestAttributes.GATES, Callers.ACCESS); // who may upload where is access's rule
                }
                text(exchange, e.status(), e.getMessage());
            }
            case AccessRefused e -> {
                if (e.challenge() != null) {
                    exchange.header("WWW-Authenticate", e.challenge() + " realm=\"sluice\"");
                }
                if (e.retryAfterSeconds() > 0) {
                    exchange.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                }
                text(exchange, e.status(), e.getMessage());
                exchange.attribute(RequestAttributes.GATES, Callers.ACCESS);
            }
            case JsonBodies.BadRequest e -> text(exchange, 400, "Bad Request: " + e.getMessage());
            case ProjectNotFound e -> text(exchange, 404, "Not Found: " + e.getMessage());
            case FileNotFound e -> text(exchange, 404, "Not Found: " + e.getMessage());
            case Refused e -> {
                text(exchange, 403, "Forbidden: " + e.getMessage());
                exchange.attribute(RequestAttributes.GATES, e.gate());
            }
            case SourceUnavailable e -> {
                LOG.warn("source unavailable for {}: {}", exchange.path(), e.getMessage());
                if (e.retryAfterSeconds() != null) {
                    exchange.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                }
                String what = switch (e.status()) {
                    case 502 -> "Bad Gateway";
                    case 504 -> "Gateway Timeout";
                    default -> "Service Unavailable";
                };
                text(exchange, e.status(), what + ": " + e.getMessage());
            }
            case IOException e -> {
                LOG.info("{} {} broke off: {}", exchange.method(), exchange.path(), e.getMessage());
                text(exchange, 400, "The request could not be read: " + e.getMessage());
            }
            default -> {
                LOG.error("{} {} failed", exchange.method(), exchange.path(), failure);
                text(exchange, 500, "Internal Server Error (logged on the server)");
            }
        }
    }

    static void text(Exchange exchange, int status, String message) {
        exchange.attribute(RequestAttributes.DETAIL, message);
        if (exchange.committed()) {
            exchange.attribute(RequestAttributes.CUT_SHORT, Boolean.TRUE);
            // Part of the body already left (a file whose source broke off while it was sent): the client sees a
            // transfer cut short, which is the truth; an error text now would only corrupt it.
            return;
        }
        exchange.status(status).contentType("text/plain; charset=utf-8");
        exchange.reason(message);
        exchange.result((message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
