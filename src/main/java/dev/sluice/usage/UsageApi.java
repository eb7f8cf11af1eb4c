package dev.sluice.usage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.access.Callers;
import dev.sluice.http.JsonBodies;
import dev.sluice.http.Timestamps;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.SpecifierSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Questions to the usage log, for admins. Times ({@code since}, {@code until}) are RFC 3339 times or dates;
 * without them, all time.
 * <pre>
 * GET  /admin/usage/who?project=P&amp;versions=&gt;=2,&lt;3     who fetched files of those versions: identity, address,
 *                                                     installer and version, downloads, first and last time
 * GET  /admin/usage/downloads?project=P               served downloads per day and version
 * GET  /admin/usage/top?limit=20                      projects by downloads
 * GET  /admin/usage/refusals                          refused requests by gate and reason
 * GET  /admin/usage/export?format=jsonl|csv           every event, streamed
 * POST /admin/usage/prune?before=T                    deletes older events
 * </pre>
 */
final class UsageApi {
    private final UsageReports reports;
    private final Callers callers;

    UsageApi(UsageReports reports, Callers callers) {
        this.reports = reports;
        this.callers = callers;
    }

    public void register(RoutesConfig routes) {
        routes.get("/admin/usage/who", this::who);
        routes.get("/admin/usage/downloads", this::downloads);
        routes.get("/admin/usage/top", this::top);
        routes.get("/admin/usage/refusals", this::refusals);
        routes.get("/admin/usage/export", this::export);
        routes.post("/admin/usage/prune", this::prune);
    }

    private static Instant time(Context ctx, String name, Instant otherwise) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return otherwise;
        }
        Instant t = Timestamps.parse(text);
        if (t == null) {
            throw new JsonBodies.BadRequest("'" + name + "' is not an RFC 3339 time or a date: '" + text + "'");
        }
        return t;
    }

    private static Instant since(Context ctx) {
        return time(ctx, "since", Instant.EPOCH);
    }

    private static Instant until(Context ctx) {
        return time(ctx, "until", Instant.parse("9999-01-01T00:00:00Z"));
    }

    private static ProjectName project(Context ctx) {
        String text = ctx.queryParam("project");
        if (text == null || !ProjectName.isValid(text)) {
            throw new JsonBodies.BadRequest("'project' must name a project");
        }
        return ProjectName.of(text);
    }

    private void who(Context ctx) throws IOException {
        callers.requireAdmin(ctx);
        ProjectName project = project(ctx);
        String range = ctx.queryParam("versions");
        SpecifierSet versions = null;
        if (range != null && !range.isBlank()) {
            try {
                versions = SpecifierSet.parse(range);
            } catch (IllegalArgumentException e) {
                throw new JsonBodies.BadRequest("'versions': " + e.getMessage());
            }
        }
        ObjectNode answer = JsonBodies.newObject().put("project", project.value()).put("versions", range);
        ArrayNode fetchers = answer.putArray("fetchers");
        for (Usage.Fetcher f : reports.whoFetched(project, versions, since(ctx), until(ctx))) {
            fetchers.addObject().put("identity", f.identity()).put("client_address", f.clientAddress())
                    .put("installer", f.installer()).put("installer_version", f.installerVersion()).put("python", f.python()).put("downloads", f.downloads())
                    .put("first", f.first().toString()).put("last", f.last().toString());
        }
        JsonBodies.send(ctx, 200, answer);
    }

    private void downloads(Context ctx) throws IOException {
        callers.requireAdmin(ctx);
        ProjectName project = project(ctx);
        ArrayNode days = JsonBodies.JSON.createArrayNode();
        for (Usage.Count c : reports.downloadsPerDay(project, since(ctx), until(ctx))) {
            days.addObject().put("day", c.key()).put("version", c.subKey()).put("downloads", c.count());
        }
        JsonBodies.send(ctx, 200, JsonBodies.newObject().put("project", project.value()).set("downloads", days));
    }

    private void top(Context ctx) throws IOException {
        callers.requireAdmin(ctx);
        String limitText = ctx.queryParam("limit");
        int limit;
        try {
            limit = limitText == null || limitText.isBlank() ? 20 : Integer.parseInt(limitText.strip());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 10_000) {
            throw new JsonBodies.BadRequest("'limit' must be a number between 1 and 10000, not '" + limitText + "'");
        }
        ArrayNode projects = JsonBodies.JSON.createArrayNode();
        for (Usage.Count c : reports.topProjects(since(ctx), until(ctx), limit)) {
            projects.addObject().put("project", c.key()).put("downloads", c.count());
        }
        JsonBodies.send(ctx, 200, JsonBodies.newObject().set("projects", projects));
    }

    private void refusals(Context ctx) throws IOException {
        callers.requireAdmin(ctx);
        ArrayNode refusals = JsonBodies.JSON.createArrayNode();
        for (Usage.Count c : reports.refusals(since(ctx), until(ctx))) {
            refusals.addObject().put("gate", c.key()).put("reason", c.subKey()).put("count", c.count());
        }
        JsonBodies.send(ctx, 200, JsonBodies.newObject().set("refusals", refusals));
    }

    private void export(Context ctx) throws IOException {
        callers.requireAdmin(ctx);
        String format = ctx.queryParamAsClass("format", String.class).getOrDefault("jsonl");
        if (!format.equals("jsonl") && !format.equals("csv")) {
            throw new JsonBodies.BadRequest("unknown 'format' '" + format + "': expected jsonl or csv");
        }
        boolean csv = format.equals("csv");
        Instant since = since(ctx);
        Instant until = until(ctx);
        ctx.contentType(csv ? "text/csv; charset=utf-8" : "application/x-ndjson");
        OutputStream out = ctx.outputStream();
        try {
            if (csv) {
                out.write(EventFormats.csvHeader().getBytes(StandardCharsets.UTF_8));
            }
            reports.export(since, until, e -> {
                try {
                    out.write((csv ? EventFormats.csvLine(e) : EventFormats.jsonLine(e)).getBytes(StandardCharsets.UTF_8));
                } catch (IOException broken) {
                    throw new UncheckedIOException(broken);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void prune(Context ctx) throws IOException {
        var admin = callers.requireAdmin(ctx);
        Instant before = time(ctx, "before", null);
        if (before == null) {
            throw new JsonBodies.BadRequest("'before' is required");
        }
        long deleted = reports.pruneBefore(before);
        callers.log().allowed(admin.name(), ctx.ip(), "usage prune", before + " (" + deleted + " events)");
        JsonBodies.send(ctx, 200, JsonBodies.newObject().put("deleted", deleted));
    }
}
