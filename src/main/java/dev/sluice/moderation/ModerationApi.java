package dev.sluice.moderation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.access.Callers;
import dev.sluice.access.Identity;
import dev.sluice.http.JsonBodies;
import dev.sluice.http.Timestamps;
import dev.sluice.pep.InvalidRequirementException;
import dev.sluice.pep.Pep508SyntaxException;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Requirement;
import dev.sluice.pep.SpecifierSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The moderation API, for moderators and {@code sluice moderation ...}:
 * <pre>
 * GET  /admin/moderation/requests[?status=pending|approved|denied][&amp;limit=N]   newest first
 * GET  /admin/moderation/requests/{id}        one request with everything known: the project's files behind the
 *                                             gate (version, upload time, inspection verdict, worst advisory), the
 *                                             newest one's license, its decisions, its audit trail
 * GET  /admin/moderation/decisions?expiring=7d   decisions whose expiry comes within that long, soonest first
 * POST /admin/moderation/decisions            {"project", "versions" | "file" (else the whole project),
 *                                             "action": "approve"|"deny", "reason", "expires", "gate", "route"}
 * POST /admin/moderation/requirements         {"requirements": a requirements file's text, "action", "reason",
 *                                             "expires", "gate", "route"}: each requirement decided as written
 * POST /admin/moderation/moderators           {"user" | "team", "route"} (admins only)
 * GET  /admin/moderation/events[?since=7d][&amp;action=A][&amp;project=P]   the audit trail, oldest first
 * GET  /admin/moderation/report[?since=7d]    what dry runs would have refused, and for whom
 * </pre>
 * Moderators are admins, and accounts or teams granted the role; anyone else is refused, and the refusal audited.
 */
final class ModerationApi {
    static final String REQUESTS = "/admin/moderation/requests";

    private final Moderation moderation;
    private final Callers callers;

    ModerationApi(Moderation moderation, Callers callers) {
        this.moderation = moderation;
        this.callers = callers;
    }

    void register(RoutesConfig routes) {
        routes.get(REQUESTS, this::requests);
        routes.get(REQUESTS + "/{id}", this::request);
        routes.post("/admin/moderation/decisions", this::decide);
        routes.get("/admin/moderation/decisions", this::expiring);
        routes.post("/admin/moderation/requirements", this::requirements);
        routes.post("/admin/moderation/moderators", this::grant);
        routes.get("/admin/moderation/events", this::events);
        routes.get("/admin/moderation/report", this::report);
    }

    /** The caller, when they may moderate on the route named (null: any route's moderator may ask). */
    private Identity moderator(Context ctx, String route, String action) {
        Identity id = callers.require(ctx, "Bearer");
        if (!moderation.mayModerate(id, route)) {
            throw callers.log().forbidden(id.name(), ctx.ip(), action, ctx.path(), "'" + id.name() + "' is not a moderator"
                    + (route == null ? "" : " of route '" + route + "'") + " (an admin grants it: POST /admin/moderation/moderators)");
        }
        return id;
    }

    private void requests(Context ctx) throws IOException {
        moderator(ctx, null, "moderation list");
        String status = ctx.queryParam("status");
        if (status != null && !List.of(Request.PENDING, Request.APPROVED, Request.DENIED).contains(status)) {
            throw new JsonBodies.BadRequest("'status' must be pending, approved or denied");
        }
        ArrayNode list = JsonBodies.newObject().arrayNode();
        moderation.requests(status, JsonBodies.limit(ctx.queryParam("limit"), 1_000, 100_000)).forEach(r -> list.add(json(r)));
        JsonBodies.send(ctx, 200, JsonBodies.newObject().set("requests", list));
    }

    private void request(Context ctx) throws IOException {
        moderator(ctx, null, "moderation show");
        Request r = moderation.request(ctx.pathParam("id")).orElseThrow(() -> new io.javalin.http.NotFoundResponse(
                "no moderation request is named '" + ctx.pathParam("id") + "'"));
        ObjectNode answer = json(r);
        ArrayNode files = answer.putArray("files");
        for (Moderation.FileFacts f : moderation.filesBehind(r.gate(), ProjectName.of(r.project()))) {
            files.addObject().put("filename", f.filename()).put("version", f.version())
                    .put("uploaded", f.uploaded() == null ? null : Timestamps.iso(f.uploaded())).put("inspection", f.verdict())
                    .put("worst_advisory", f.worstAdvisory());
        }
        answer.put("license", moderation.licenseOf(r.gate(), ProjectName.of(r.project())));
        ArrayNode decisions = answer.putArray("decisions");
        moderation.decisionsOf(r.gate(), r.project()).forEach(d -> decisions.add(json(d)));
        if (!r.version().isEmpty()) {
            String band = moderation.vulnerabilities().worstBand(ProjectName.of(r.project()), r.version());
            answer.put("worst_advisory", band);
        }
        ArrayNode events = answer.putArray("events");
        moderation.events(Instant.EPOCH, null, r.project(), 1_000).stream().filter(e -> e.gate().equals(r.gate()))
                .forEach(e -> events.add(json(e)));
        JsonBodies.send(ctx, 200, answer);
    }

    private void expiring(Context ctx) throws IOException {
        moderator(ctx, null, "moderation decisions");
        String within = ctx.queryParamAsClass("expiring", String.class).getOrDefault("7d");
        java.time.Duration span;
        try {
            span = dev.sluice.util.Durations.parse(within);
        } catch (IllegalArgumentException e) {
            throw new JsonBodies.BadRequest("'expiring' is not a duration such as 7d: '" + within + "'");
        }
        ArrayNode list = JsonBodies.newObject().arrayNode();
        moderation.expiringBefore(moderation.clock().instant().plus(span)).forEach(d -> list.add(json(d)));
        JsonBodies.send(ctx, 200, JsonBodies.newObject().set("decisions", list));
    }

    private void decide(Context ctx) throws IOException {
        JsonNode body = JsonBodies.object(ctx);
        Identity id = moderator(ctx, JsonBodies.text(body, "route"), "moderation decide");
        String projectText = JsonBodies.text(body, "project");
        if (projectText == null || !ProjectName.isValid(projectText)) {
            throw new JsonBodies.BadRequest("'project' must name a project");
        }
        String versions = JsonBodies.text(body, "versions");
        String file = JsonBodies.text(body, "file");
        if (versions != null && file != null) {
            throw new JsonBodies.BadRequest("give 'versions' or 'file', not both");
        }
        Decision.Kind kind = versions != null ? Decision.Kind.VERSIONS : file != null ? Decision.Kind.FILE : Decision.Kind.PROJECT;
        String scope = versions != null ? specifier(versions) : file;
        Decision d = record(ctx, id, ProjectName.of(projectText), kind, scope, body);
        JsonBodies.send(ctx, 201, json(d));
    }

    private Decision record(Context ctx, Identity id, ProjectName project, Decision.Kind kind, String scope, JsonNode body) {
        String action = JsonBodies.text(body, "action");
        if (!"approve".equals(action) && !"deny".equals(action)) {
            throw new JsonBodies.BadRequest("'action' must be approve or deny");
        }
        String reason = JsonBodies.text(body, "reason");
        if (reason == null || reason.isBlank()) {
            throw new JsonBodies.BadRequest("a reason is required: it is kept with the decision");
        }
        Instant expires = expires(JsonBodies.text(body, "expires"));
        try {
            return moderation.decide(JsonBodies.text(body, "gate"), project, kind, scope, "approve".equals(action), reason.strip(),
                    expires, id.name(), ctx.ip());
        } catch (IllegalArgumentException e) {
            throw new JsonBodies.BadRequest(e.getMessage());
        }
    }

    /** Approves (or denies) every requirement of a requirements file, each as written: a name, or a name with a range. */
    private void requirements(Context ctx) throws IOException {
        JsonNode options = JsonBodies.object(ctx);
        Identity id = moderator(ctx, JsonBodies.text(options, "route"), "moderation requirements");
        String text = JsonBodies.text(options, "requirements");
        if (text == null) {
            throw new JsonBodies.BadRequest("'requirements' must hold a requirements file's text");
        }
        List<String> problems = new ArrayList<>();
        List<Requirement> requirements = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            String requirement = line.replaceFirst("\\s+#.*$", "").replaceFirst("^#.*$", "").strip();
            if (requirement.isEmpty() || requirement.startsWith("-")) {
                continue; // options (-r, --index-url, -e) are not requirements to approve
            }
            try {
                requirements.add(Requirement.parse(requirement));
            } catch (InvalidRequirementException | Pep508SyntaxException e) {
                problems.add("line " + number + ": " + e.getMessage().lines().findFirst().orElse("not a requirement"));
            }
        }
        if (!problems.isEmpty()) {
            throw new JsonBodies.BadRequest("nothing was decided: " + String.join("; ", problems));
        }
        ArrayNode decided = JsonBodies.newObject().arrayNode();
        for (Requirement r : requirements) {
            String spec = r.specifier().toString();
            decided.add(json(record(ctx, id, r.projectName(), spec.isEmpty() ? Decision.Kind.PROJECT : Decision.Kind.VERSIONS,
                    spec, options)));
        }
        JsonBodies.send(ctx, 201, JsonBodies.newObject().set("decisions", decided));
    }

    private void grant(Context ctx) throws IOException {
        Identity admin = callers.requireAdmin(ctx);
        JsonNode body = JsonBodies.object(ctx);
        String user = JsonBodies.text(body, "user");
        String team = JsonBodies.text(body, "team");
        if ((user == null) == (team == null)) {
            throw new JsonBodies.BadRequest("give 'user' or 'team'");
        }
        String route = JsonBodies.text(body, "route");
        moderation.grant(user != null ? user : team, team != null, route == null ? "" : route, admin.name(), ctx.ip());
        JsonBodies.send(ctx, 201, JsonBodies.newObject().put(user != null ? "user" : "team", user != null ? user : team)
                .put("route", route));
    }

    private void events(Context ctx) throws IOException {
        moderator(ctx, null, "moderation events");
        Instant since = JsonBodies.since(ctx.queryParam("since"), moderation.clock().instant());
        String project = ctx.queryParam("project");
        ArrayNode list = JsonBodies.newObject().arrayNode();
        moderation.events(since, ctx.queryParam("action"), project == null ? null : ProjectName.normalize(project), JsonBodies.limit(ctx.queryParam("limit"), 1_000, 100_000))
                .forEach(e -> list.add(json(e)));
        JsonBodies.send(ctx, 200, JsonBodies.newObject().set("events", list));
    }

    /** What dry runs would have refused since a time: per item, who asked, how often, first and last. */
    private void report(Context ctx) throws IOException {
        moderator(ctx, null, "moderation report");
        Instant since = JsonBodies.since(ctx.queryParam("since"), moderation.clock().instant());
        Map<String, ObjectNode> rows = new TreeMap<>();
        for (AuditEvent e : moderation.events(since, "would-refuse", null, 1_000_000)) {
            String key = e.gate() + "|" + e.project() + "|" + e.version() + "|" + e.actor() + "|" + e.client();
            ObjectNode row = rows.computeIfAbsent(key, k -> JsonBodies.newObject().put("gate", e.gate()).put("project", e.project())
                    .put("version", e.version()).put("who", e.actor()).put("address", e.client()).put("times", 0)
                    .put("first", Timestamps.iso(e.at())).put("reason", e.detail()));
            row.put("times", row.get("times").asInt() + 1).put("last", Timestamps.iso(e.at()));
        }
        ArrayNode list = JsonBodies.newObject().arrayNode();
        rows.values().forEach(list::add);
        JsonBodies.send(ctx, 200, JsonBodies.newObject().put("since", since.toString()).set("would_refuse", list));
    }

    private static String specifier(String text) {
        try {
            return SpecifierSet.parse(text).toString();
        } catch (RuntimeException e) {
            throw new JsonBodies.BadRequest("'versions' is not a PEP 440 specifier such as '>=2,<3': " + e.getMessage());
        }
    }

    private static Instant expires(String text) {
        if (text == null) {
            return null;
        }
        Instant at = Timestamps.parse(text.strip());
        if (at == null) {
            throw new JsonBodies.BadRequest("'expires' is not an RFC 3339 time or a date: '" + text + "'");
        }
        return at;
    }

    private static ObjectNode json(Request r) {
        return JsonBodies.newObject().put("id", r.id()).put("gate", r.gate()).put("project", r.project())
                .put("version", r.version().isEmpty() ? null : r.version()).put("status", r.status())
                .put("requested_by", r.requestedBy()).put("requested_from", r.requestedFrom())
                .put("requested", Timestamps.iso(r.requested())).put("decided", r.decided() == null ? null : Timestamps.iso(r.decided()));
    }

    private static ObjectNode json(Decision d) {
        return JsonBodies.newObject().put("id", d.id()).put("gate", d.gate()).put("project", d.project()).put("kind", d.kind().label())
                .put("scope", d.scope()).put("action", d.approve() ? "approve" : "deny").put("reason", d.reason())
                .put("by", d.decidedBy()).put("at", Timestamps.iso(d.decided()))
                .put("expires", d.expires() == null ? null : Timestamps.iso(d.expires()));
    }

    private static ObjectNode json(AuditEvent e) {
        return JsonBodies.newObject().put("at", Timestamps.iso(e.at())).put("gate", e.gate()).put("project", e.project())
                .put("version", e.version()).put("action", e.action()).put("actor", e.actor()).put("address", e.client())
                .put("detail", e.detail());
    }
}
