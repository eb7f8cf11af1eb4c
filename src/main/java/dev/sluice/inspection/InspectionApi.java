package dev.sluice.inspection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.access.Callers;
import dev.sluice.access.Identity;
import dev.sluice.http.JsonBodies;
import dev.sluice.http.ProgressLines;
import dev.sluice.http.Timestamps;
import dev.sluice.pep.ProjectName;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * The admin side of the inspection, for {@code sluice findings ...} and {@code sluice inspect --all}:
 * <pre>
 * GET  /admin/findings[?project=P][&amp;verdict=V][&amp;limit=N]   flagged files, newest first
 * GET  /admin/findings/{id}                     one judged file (sha256 or its first 8+ characters): the findings,
 *                                               the decision, the audit trail
 * POST /admin/findings/{id}/release {"reason"}  serve it although flagged (audited)
 * POST /admin/findings/{id}/keep {"reason"}     keep it blocked (audited)
 * POST /admin/inspect[?force=true]              judge every stored file the current rules have not; answers with
 *                                               progress lines ({"progress": {"done", "total"}}) and then {"report"}
 * </pre>
 */
final class InspectionApi {
    private final Inspection inspection;
    private final Callers callers;
    private final Supplier<List<Inspection.Stored>> storedFiles;

    InspectionApi(Inspection inspection, Callers callers, Supplier<List<Inspection.Stored>> storedFiles) {
        this.inspection = inspection;
        this.callers = callers;
        this.storedFiles = storedFiles;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/findings", this::list);
        routes.get("/admin/findings/{id}", this::show);
        routes.post("/admin/findings/{id}/release", ctx -> decide(ctx, StoredVerdict.Decision.RELEASED));
        routes.post("/admin/findings/{id}/keep", ctx -> decide(ctx, StoredVerdict.Decision.KEPT));
        routes.post("/admin/inspect", this::inspectAll);
    }

    private void list(Context ctx) throws IOException {
        callers.requireAdmin(ctx);
        String project = ctx.queryParam("project");
        if (project != null && !ProjectName.isValid(project)) {
            throw new JsonBodies.BadRequest("'project' must name a project");
        }
        String verdictText = ctx.queryParam("verdict");
        Verdict verdict = verdictText == null ? null : Verdict.parse(verdictText);
        if (verdictText != null && (verdict == null || verdict == Verdict.CLEAN)) {
            throw new JsonBodies.BadRequest("'verdict' must be 'malicious' or 'suspicious'");
        }
        int limit = JsonBodies.limit(ctx.queryParam("limit"), 1_000, 10_000);
        ArrayNode files = JsonBodies.newObject().arrayNode();
        for (StoredVerdict v : inspection.list(project == null ? null : ProjectName.normalize(project), verdict, limit)) {
            files.add(summary(v));
        }
        JsonBodies.send(ctx, 200, JsonBodies.newObject().set("files", files));
    }

    private void show(Context ctx) throws IOException {
        callers.requireAdmin(ctx);
        StoredVerdict v = judged(ctx);
        ObjectNode answer = summary(v);
        ArrayNode findings = answer.putArray("findings");
        for (Finding f : v.findings()) {
            findings.addObject().put("rule", f.rule()).put("severity", f.severity().label()).put("file", f.file())
                    .put("line", f.line()).put("excerpt", f.excerpt());
        }
        ArrayNode events = answer.putArray("events");
        for (SqlVerdicts.Event e : inspection.events(v.sha256())) {
            events.addObject().put("at", Timestamps.iso(e.at())).put("action", e.action()).put("actor", e.actor())
                    .put("detail", e.detail());
        }
        JsonBodies.send(ctx, 200, answer);
    }

    private void decide(Context ctx, String action) throws IOException {
        Identity admin = callers.requireAdmin(ctx);
        StoredVerdict v = judged(ctx);
        JsonNode body = JsonBodies.object(ctx);
        String reason = JsonBodies.text(body, "reason");
        if (reason == null || reason.isBlank()) {
            throw new JsonBodies.BadRequest("a reason is required: it is kept with the decision");
        }
        if (v.verdict() == Verdict.CLEAN) {
            throw new JsonBodies.BadRequest("'" + v.filename() + "' was found clean: there is nothing to release or keep");
        }
        StoredVerdict now = inspection.decide(v, action, admin.name(), reason.strip());
        callers.log().allowed(admin.name(), ctx.ip(), "findings " + action, v.filename() + " (" + v.id() + ")");
        JsonBodies.send(ctx, 200, summary(now));
    }

    private void inspectAll(Context ctx) throws IOException {
        Identity admin = callers.requireAdmin(ctx);
        boolean force = Boolean.parseBoolean(ctx.queryParam("force"));
        List<Inspection.Stored> files = storedFiles.get();
        ProgressLines lines = new ProgressLines(ctx, java.time.Duration.ofMillis(200)); // five lines a second at most
        Inspection.InspectAllReport report = inspection.inspectAll(files, force, (done, total, filename) -> lines.step(
                JsonBodies.newObject().put("done", done).put("total", total).put("file", filename), filename == null));
        callers.log().allowed(admin.name(), ctx.ip(), "inspect all", report.inspected() + " of " + report.files() + " files");
        ObjectNode r = JsonBodies.newObject().put("files", report.files()).put("inspected", report.inspected())
                .put("current", report.current()).put("clean", report.clean()).put("suspicious", report.suspicious())
                .put("malicious", report.malicious()).put("failed", report.failed()).put("seconds", report.millis() / 1000.0);
        report.failures().forEach(r.putArray("failures")::add);
        lines.report(r);
    }

    private StoredVerdict judged(Context ctx) {
        StoredVerdict v = inspection.find(ctx.pathParam("id"));
        if (v == null) {
            throw new io.javalin.http.NotFoundResponse("no judged file is named '" + ctx.pathParam("id")
                    + "' (give its sha256 or at least its first 8 characters, as 'sluice findings list' shows them)");
        }
        return v;
    }

    private static ObjectNode summary(StoredVerdict v) {
        ObjectNode o = JsonBodies.newObject().put("id", v.id()).put("sha256", v.sha256()).put("project", v.project())
                .put("filename", v.filename()).put("origin", v.origin()).put("verdict", v.verdict().label())
                .put("reason", v.reason()).put("inspected", Timestamps.iso(v.inspected()))
                .put("rules_version", v.rulesVersion());
        if (v.decision() == null) {
            o.putNull("decision");
        } else {
            o.putObject("decision").put("action", v.decision().action()).put("by", v.decision().by())
                    .put("reason", v.decision().reason()).put("at", Timestamps.iso(v.decision().at()));
        }
        return o;
    }

}
