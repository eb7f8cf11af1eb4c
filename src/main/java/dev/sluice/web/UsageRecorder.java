package dev.sluice.web;

import static dev.sluice.http.RequestAttributes.DETAIL;
import static dev.sluice.http.RequestAttributes.FILENAME;
import static dev.sluice.http.RequestAttributes.GATES;
import static dev.sluice.http.RequestAttributes.IDENTITY;
import static dev.sluice.http.RequestAttributes.KIND;
import static dev.sluice.http.RequestAttributes.PROJECT;
import static dev.sluice.http.RequestAttributes.REQUEST_ID;
import static dev.sluice.http.RequestAttributes.ROUTE;
import static dev.sluice.http.RequestAttributes.SOURCE;

import dev.sluice.access.Identity;
import dev.sluice.http.Exchange;
import dev.sluice.http.RequestAttributes;
import dev.sluice.index.Provenance;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.InvalidFilenameException;
import dev.sluice.usage.UsageStore;
import dev.sluice.usage.ClientInfo;
import dev.sluice.util.Memo;
import dev.sluice.usage.Usage;
import java.time.Clock;
import java.util.List;

/**
 * Turns each answered request that touched an index into a usage event. Handlers leave what they know on
 * the request (route, project, file, who, which source and gates, why a refusal) under the keys of
 * {@link RequestAttributes}; the rest comes from the request and response themselves.
 */
final class UsageRecorder {
    private static final List<String> LOGGED_PREFIXES = List.of("/simple", "/indexes", "/snapshot", "/legacy", "/pypi",
            "/admin", "/tokens");

    private final Usage usage;
    private final Clock clock;
    private final Memo<String, ClientInfo> clients = new Memo<>(ClientInfo::parse, 1_000);
    private final Memo<String, String> versions = new Memo<>(UsageRecorder::version, 10_000);

    UsageRecorder(Usage usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    /** Leaves the provenance of an answer on the request: the source that served it and the gates that acted. */
    static void servedWith(Exchange exchange, Provenance provenance) {
        if (provenance != null) {
            exchange.attribute(SOURCE, provenance.source());
            exchange.attribute(GATES, provenance.gates().isEmpty() ? null : String.join(",", provenance.gates()));
        }
    }

    /** Queues the event of an answered request, when it touched an index. */
    void answered(Exchange exchange, String kind, String decision, float millis) {
        if (!usage.recording()) {
            return;
        }
        if (!touchesAnIndex(exchange.path())) {
            return;
        }
        Identity identity = exchange.attribute(IDENTITY);
        String filename = exchange.attribute(FILENAME);
        ClientInfo client = clients.of(exchange.userAgent());
        int status = exchange.status();
        if (kind.equals("file") && decision.equals("served")) {
            decision = fileDecision(exchange, status);
        }
        usage.record(new UsageStore.Event(clock.instant(), kind, exchange.attribute(ROUTE), exchange.attribute(PROJECT),
                versions.of(filename), filename, identity == null ? Identity.ANONYMOUS.name() : identity.name(),
                identity == null ? null : identity.tokenId(), exchange.ip(), client.installer(), client.installerVersion(),
                client.python(), client.os(), client.cpu(), client.ci(), decision, exchange.attribute(DETAIL),
                exchange.attribute(SOURCE), exchange.attribute(GATES), status, bytes(exchange), (long) (millis * 1000),
                exchange.attribute(REQUEST_ID)));
    }

    /** Whether the path's first segment is one of the logged ones (looked at without copying the path). */
    private static boolean touchesAnIndex(String path) {
        for (String prefix : LOGGED_PREFIXES) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    /** What kind of request this was, as handlers marked it, else by its path. */
    static String kind(Exchange exchange, String path) {
        String kind = exchange.attribute(KIND);
        if (kind != null) {
            return kind;
        }
        if (path.startsWith("/legacy")) {
            return "upload";
        }
        if (path.startsWith("/admin") || path.startsWith("/tokens")) {
            return "admin";
        }
        if (path.startsWith("/pypi/")) {
            return "json";
        }
        return "other";
    }

    private static String version(String filename) {
        if (filename == null) {
            return null;
        }
        try {
            return DistributionFilename.parse(filename).version().toString();
        } catch (InvalidFilenameException e) {
            return null;
        }
    }

    /**
     * What a served file request was: a download is a complete {@code 200} GET of the file; a HEAD, a range, a
     * revalidation or a transfer cut short is not.
     */
    private static String fileDecision(Exchange exchange, int status) {
        if (exchange.method().equals("HEAD")) {
            return "checked";
        }
        if (Boolean.TRUE.equals(exchange.attribute(RequestAttributes.CUT_SHORT))) {
            return "cut-short";
        }
        return switch (status) {
            case 200 -> "downloaded";
            case 206 -> "partial";
            case 304 -> "not-modified";
            default -> "served";
        };
    }

    static String decision(int status) {
        if (status < 400) {
            return "served";
        }
        return switch (status) {
            case 401, 403, 429 -> "refused";
            case 404, 410 -> "not-found";
            case 502, 503, 504 -> "unavailable";
            default -> status < 500 ? "rejected" : "error";
        };
    }

    private static Long bytes(Exchange exchange) {
        Long handedOver = exchange.attribute(RequestAttributes.HANDED_OVER);
        if (handedOver != null) {
            return handedOver;
        }
        String length = exchange.responseHeader("Content-Length");
        try {
            return length == null ? null : Long.parseLong(length);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
