package dev.sluice.moderation;

import dev.sluice.access.Callers;
import dev.sluice.http.Pages;
import dev.sluice.http.Timestamps;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.SpecifierSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The moderation queue for people ({@code /moderation/}): each pending request with everything known about it (who
 * asked and when, its files with their inspection verdicts and worst advisories, the license, earlier decisions), and a
 * form to approve or deny it for the project, that version, or a range of versions, until an optional expiry, with a
 * reason. The decision is the API's: recorded, audited, applied from the next request on.
 */
public final class ModerationPages {
    private static final int SHOWN = 200;

    /** A file behind the gate, as the queue shows it. */
    public record FileRow(String filename, String version, String uploaded, String verdict, String advisory) {}

    /** A pending request with what a moderator needs to judge it. */
    public record Pending(String id, String item, String project, String version, String gate, String requestedBy, String requestedFrom,
            String requested, String license, List<FileRow> files, List<String> decisions) {}

    /** A request already answered. */
    public record Answered(String item, String status, String decided) {}

    private final Moderation moderation;
    private final Callers callers;
    private final Pages pages;

    ModerationPages(Moderation moderation, Callers callers, Pages pages) {
        this.moderation = moderation;
        this.callers = callers;
        this.pages = pages;
        pages.link("Moderation", "/moderation/", v -> v.signedIn());
    }

    void register(RoutesConfig routes) {
        routes.get("/moderation/", callers.page(pages, this::queue));
        routes.post("/ui/moderation/decide", callers.page(pages, this::decide));
    }

    private void queue(Context ctx) {
        Callers.Person person = callers.signedIn(ctx);
        if (!moderation.mayModerate(person.identity(), null)) {
            pages.message(ctx, 403, person.visitor(), "Not a moderator", "'" + person.identity().name() + "' is not a moderator;"
                    + " an administrator grants it (sluice moderation grant).");
            return;
        }
        List<Pending> pending = new ArrayList<>();
        for (Request r : moderation.requests(Request.PENDING, SHOWN)) {
            ProjectName project = ProjectName.of(r.project());
            List<FileRow> files = moderation.filesBehind(r.gate(), project).stream()
                    .filter(f -> r.version().isEmpty() || f.version().equals(r.version()))
                    .map(f -> new FileRow(f.filename(), f.version(), f.uploaded() == null ? "" : Timestamps.forPeople(f.uploaded()),
                            f.verdict() == null ? "not inspected" : f.verdict(), f.worstAdvisory() == null ? "none known" : f.worstAdvisory()))
                    .toList();
            String license = moderation.licenseOf(r.gate(), project);
            List<String> decisions = moderation.decisionsOf(r.gate(), r.project()).stream().map(Decision::describe).toList();
            pending.add(new Pending(r.id(), r.item(), r.project(), r.version(), r.gate(), r.requestedBy(), r.requestedFrom(),
                    Timestamps.forPeople(r.requested()), license == null ? "unknown" : license, files, decisions));
        }
        List<Answered> answered = moderation.requests(null, 40).stream().filter(r -> !r.status().equals(Request.PENDING)).limit(20)
                .map(r -> new Answered(r.item(), r.status(), r.decided() == null ? "" : Timestamps.forPeople(r.decided()))).toList();
        pages.send(ctx, 200, person.visitor(), "Moderation", "moderation/queue.jte", Map.of("pending", pending, "answered", answered,
                "notice", noticeOf(ctx.queryParam("decided"))));
    }

    private void decide(Context ctx) {
        Callers.Person person = callers.requireForm(ctx);
        Request request = moderation.request(String.valueOf(ctx.formParam("request"))).orElse(null);
        if (request == null) {
            pages.message(ctx, 404, person.visitor(), "No such request", "The request was not found; it may have been removed.");
            return;
        }
        if (!moderation.mayModerate(person.identity(), null)) {
            pages.message(ctx, 403, person.visitor(), "Not a moderator", "'" + person.identity().name() + "' is not a moderator.");
            return;
        }
        String action = ctx.formParam("action");
        String reason = ctx.formParam("reason");
        String problem = null;
        Decision.Kind kind = Decision.Kind.PROJECT;
        String scope = null;
        Instant expires = null;
        switch (String.valueOf(ctx.formParam("scope"))) {
            case "project" -> { }
            case "version" -> {
                kind = Decision.Kind.VERSIONS;
                scope = request.version().isEmpty() ? null : "==" + request.version();
                problem = scope == null ? "This request names no version; choose the project or a range." : null;
            }
            case "range" -> {
                kind = Decision.Kind.VERSIONS;
                try {
                    scope = SpecifierSet.parse(String.valueOf(ctx.formParam("range")).strip()).toString();
                } catch (RuntimeException e) {
                    problem = "'" + ctx.formParam("range") + "' is not a version range such as >=2,<3.";
                }
            }
            default -> problem = "Choose what the decision covers.";
        }
        if (!"approve".equals(action) && !"deny".equals(action)) {
            problem = "Choose approve or deny.";
        } else if (reason == null || reason.isBlank()) {
            problem = "Give a reason: it is kept with the decision.";
        }
        String expiry = ctx.formParam("expires");
        if (problem == null && expiry != null && !expiry.isBlank()) {
            expires = Timestamps.parse(expiry.strip());
            if (expires == null) {
                problem = "'" + expiry + "' is not a date.";
            }
        }
        if (problem != null) {
            pages.message(ctx, 400, person.visitor(), "Not decided", problem);
            return;
        }
        try {
            moderation.decide(request.gate(), ProjectName.of(request.project()), kind, scope, "approve".equals(action), reason.strip(),
                    expires, person.identity().name(), ctx.ip());
        } catch (IllegalArgumentException e) {
            pages.message(ctx, 400, person.visitor(), "Not decided", e.getMessage());
            return;
        }
        ctx.redirect("/moderation/?decided=" + ("approve".equals(action) ? "approved" : "denied"), HttpStatus.SEE_OTHER);
    }

    private static String noticeOf(String decided) {
        return "approved".equals(decided) ? "Approved: it is served from the next request on."
                : "denied".equals(decided) ? "Denied: it stays out." : "";
    }
}
