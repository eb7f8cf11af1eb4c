package dev.sluice.web;

import dev.sluice.index.Repository;
import dev.sluice.index.gates.Snapshot;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code /snapshot/<time>/simple/}: the simple API of a graph as it was at an RFC 3339 time
 * ({@code 2026-05-01T12:00:00Z}, with any offset) or a date ({@code 2026-05-01}, midnight UTC).
 */
final class SnapshotRoute {
    private final Repository graph;
    private final RenderedPages rendered;

    SnapshotRoute(Repository graph, RenderedPages rendered) {
        this.graph = graph;
        this.rendered = rendered;
    }

    void register(RoutesConfig routes) {
        for (String path : new String[] {"/snapshot/{time}/simple/", "/snapshot/{time}/simple/{project}",
            "/snapshot/{time}/simple/{project}/", "/snapshot/{time}/simple/{project}/{file}"}) {
            routes.get(path, this::handle);
            routes.head(path, this::handle);
        }
    }

    private void handle(Context ctx) throws IOException {
        String rawTime = ctx.req().getRequestURI().split("/")[2];
        Instant at = parse(FileUrls.decodeSegment(rawTime));
        if (at == null) {
            ctx.status(400).contentType("text/plain; charset=utf-8").result("Bad Request: '" + rawTime
                    + "' is not an RFC 3339 time such as 2026-05-01T12:00:00Z, or a date such as 2026-05-01\n");
            return;
        }
        new SimpleApi("/snapshot/" + rawTime + "/simple/", new Snapshot(graph, at), rendered).serve(ctx);
    }

    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notATime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
