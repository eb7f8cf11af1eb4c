package dev.sluice.web;

import dev.sluice.access.Identity;
import dev.sluice.index.Provenance;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.InvalidFilenameException;
import dev.sluice.store.UsageStore;
import dev.sluice.usage.ClientInfo;
import dev.sluice.usage.UsageLog;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;

/**
 * Turns each answered request that touched an index into a usage event. Handlers leave what they know on
 * the request (route, project, file, who, which source and gates, why a refusal) under the keys below; the
 * rest comes from the request and response themselves.
 */
final class UsageRecorder {
    static final String IDENTITY = "sluice.identity";
    static final String ROUTE = "sluice.route";
    static final String KIND = "sluice.kind";
    static final String PROJECT = "sluice.project";
    static final String FILENAME = "sluice.filename";
    static final String SOURCE = "sluice.source";
    static final String GATES = "sluice.gates";
    static final String DETAIL = "sluice.detail";
    private static final List<String> LOGGED_PREFIXES = List.of("/simple", "/indexes", "/snapshot", "/legacy", "/pypi",
            "/admin", "/tokens");

    private final UsageLog log;
    private final Clock clock;
    private final ClientInfo.Cache clients = new ClientInfo.Cache(1_000);

    /** @param log null when the usage log is switched off */
    UsageRecorder(UsageLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Leaves the provenance of an answer on the request: the source that served it and the gates that acted. */
    static void servedWith(Context ctx, Provenance provenance) {
        if (provenance != null) {
            ctx.attribute(SOURCE, provenance.source());
            ctx.attribute(GATES, provenance.gates().isEmpty() ? null : String.join(",", provenance.gates()));
        }
    }

    /** Queues the event of an answered request, when it touched an index. */
    void answered(Context ctx, String kind, String decision, float millis) {
        if (log == null) {
            return;
        }
        if (!touchesAnIndex(ctx.path())) {
            return;
        }
        Identity identity = ctx.attribute(IDENTITY);
        String filename = ctx.attribute(FILENAME);
        ClientInfo client = clients.of(ctx.userAgent());
        int status = ctx.statusCode();
        log.record(new UsageStore.Event(clock.instant(), kind, ctx.attribute(ROUTE), ctx.attribute(PROJECT),
                version(filename), filename, identity == null ? Identity.ANONYMOUS.name() : identity.name(),
                identity == null ? null : identity.tokenId(), ctx.ip(), client.installer(), client.installerVersion(),
                client.python(), client.os(), client.cpu(), client.ci(), decision, ctx.attribute(DETAIL),
                ctx.attribute(SOURCE), ctx.attribute(GATES), status, bytes(ctx), (long) (millis * 1000)));
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
    static String kind(Context ctx, String path) {
        String kind = ctx.attribute(KIND);
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

    private static Long bytes(Context ctx) {
        String length = ctx.res().getHeader("Content-Length");
        try {
            return length == null ? null : Long.parseLong(length);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
