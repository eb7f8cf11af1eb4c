package dev.sluice.vulnerabilities;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.access.Callers;
import dev.sluice.access.Identity;
import dev.sluice.http.JsonBodies;
import dev.sluice.http.ProgressLines;
import dev.sluice.http.Timestamps;
import dev.sluice.pep.ProjectName;
import dev.sluice.usage.Usage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The admin side of known vulnerabilities, for {@code sluice vulnerabilities ...}:
 * <pre>
 * POST /admin/vulnerabilities/import[?url=U]   a zip in the body, or the zip at U; answers with progress lines
 *                                              ({"progress": {"read", "total"}}) and then {"report": ...} or {"error"}
 * GET  /admin/vulnerabilities/status           data age, counts, the last import
 * GET  /admin/vulnerabilities?project=P[&amp;version=V]   the advisories of a project (affecting a version)
 * GET  /admin/vulnerabilities/affected?since=30d   affected versions downloaded since, worst first
 * GET  /admin/vulnerabilities/{id}             one advisory (by id or alias), the record and its projects
 * GET  /admin/vulnerabilities/{id}/impact      who downloaded an affected version: identity, address, installer,
 *                                              Python, downloads, first and last time
 * </pre>
 */
final class VulnerabilitiesApi {
    static final String IMPORT = "/admin/vulnerabilities/import";

    private final Vulnerabilities vulnerabilities;
    private final Callers callers;

    VulnerabilitiesApi(Vulnerabilities vulnerabilities, Callers callers) {
        this.vulnerabilities = vulnerabilities;
        this.callers = callers;
    }

    void register(RoutesConfig routes) {
        routes.post(IMPORT, this::importData);
        routes.get("/admin/vulnerabilities/status", this::status);
        routes.get("/admin/vulnerabilities/affected", this::affected);
        routes.get("/admin/vulnerabilities", this::list);
        routes.get("/admin/vulnerabilities/{id}/impact", this::impact);
        routes.get("/admin/vulnerabilities/{id}", this::show);
    }

    private void importData(Context ctx) throws IOException {
        Identity admin = callers.requireAdmin(ctx);
        String url = ctx.queryParam("url");
        URI uri = null;
        if (url != null) {
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new JsonBodies.BadRequest("'url' is not a URL: " + e.getMessage());
            }
        }
        Path upload = null;
        if (uri == null) {
            Files.createDirectories(vulnerabilities.temporary());
            upload = Files.createTempFile(vulnerabilities.temporary(), "upload", ".zip");
            try (InputStream body = ctx.bodyInputStream()) {
                if (!ZipDownload.copyAtMost(body, upload)) {
                    Files.deleteIfExists(upload);
                    JsonBodies.send(ctx, 413, JsonBodies.newObject().put("error", "nothing was imported: the body is larger"
                            + " than " + ZipDownload.MAX_BYTES + " bytes"));
                    return;
                }
            }
        }
        ProgressLines lines = new ProgressLines(ctx, java.time.Duration.ZERO);
        String name = uri != null ? uri.toString() : ctx.queryParamAsClass("name", String.class).getOrDefault("uploaded zip");
        OsvImport.Progress progress = (done, total) -> lines.step(JsonBodies.newObject().put("read", done).put("total", total),
                false);
        try {
            ImportReport report = uri != null ? vulnerabilities.importUrl(uri, progress)
                    : vulnerabilities.importFrom(upload, name, progress);
            callers.log().allowed(admin.name(), ctx.ip(), "vulnerabilities import", name + " (" + report.added + " added, "
                    + report.updated + " updated)");
            lines.report(report.toJson());
        } catch (ImportFailed e) {
            lines.error(e.getMessage());
        } finally {
            if (upload != null) {
                Files.deleteIfExists(upload);
            }
        }
    }


    private void status(Context ctx) throws IOException {
        callers.requireAdmin(ctx);
        SqlAdvisoryStore.Counts counts = vulnerabilities.store().counts();
        SqlAdvisoryStore.ImportRow last = vulnerabilities.store().lastImport(null);
        ObjectNode answer = JsonBodies.newObject().put("records", counts.records()).put("in_force", vulnerabilities.index().size())
                .put("withdrawn", counts.withdrawn()).put("malicious", counts.malicious()).put("projects", counts.projects());
        if (last == null) {
            answer.putNull("last_import");
        } else {
            answer.putObject("last_import").put("finished", Timestamps.iso(last.finished())).put("source", last.source())
                    .put("read", last.read()).put("added", last.added()).put("updated", last.updated())
                    .put("withdrawn", last.withdrawn()).put("skipped", last.skipped())
                    .put("age_seconds", Duration.between(last.finished(), vulnerabilities.clock().instant()).toSeconds());
        }
        JsonBodies.send(ctx, 200, answer);
    }

    private void list(Context ctx) throws IOException {
        callers.requireAdmin(ctx);
        String projectText = ctx.queryParam("project");
        if (projectText == null || !ProjectName.isValid(projectText)) {
            throw new JsonBodies.BadRequest("'project' must name a project");
        }
        ProjectName project = ProjectName.of(projectText);
        String version = ctx.queryParam("version");
        AdvisoryIndex index = vulnerabilities.index();
        List<Advisory> advisories = version == null || version.isBlank()
                ? index.ofProject(project).stream().sorted(Advisory.WORST_FIRST.thenComparing(Advisory::id)).toList()
                : index.affecting(project, version.strip());
        ObjectNode answer = JsonBodies.newObject().put("project", project.value()).put("version", version);
        ArrayNode list = answer.putArray("advisories");
        advisories.forEach(a -> list.add(describe(a, project)));
        JsonBodies.send(ctx, 200, answer);
    }

    private static ObjectNode describe(Advisory a, ProjectName project) {
        ObjectNode node = JsonBodies.newObject().put("id", a.id()).put("summary", a.summary())
                .put("severity", a.severity().band().label()).put("score", a.severity().score())
                .put("malicious", a.malicious());
        ArrayNode aliases = node.putArray("aliases");
        a.aliases().forEach(aliases::add);
        ArrayNode fixed = node.putArray("fixed_in");
        a.fixedIn(project).forEach(fixed::add);
        return node;
    }

    private void show(Context ctx) throws IOException {
        callers.requireAdmin(ctx);
        String id = ctx.pathParam("id");
        Advisory advisory = vulnerabilities.index().named(id);
        String key = advisory != null ? advisory.id() : id;
        String json = vulnerabilities.store().json(List.of(key)).get(key);
        if (json == null) {
            JsonBodies.send(ctx, 404, JsonBodies.newObject().put("error", "no advisory is named '" + id + "'"));
            return;
        }
        ObjectNode answer = advisory == null ? JsonBodies.newObject().put("id", key).put("in_force", false)
                : describe(advisory, null).put("in_force", true);
        ArrayNode projects = answer.putArray("projects");
        if (advisory != null) {
            advisory.affected().stream().map(p -> p.project().value()).distinct().forEach(projects::add);
        }
        answer.set("record", Vulnerabilities.parse(json));
        JsonBodies.send(ctx, 200, answer);
    }

    private void impact(Context ctx) throws IOException {
        callers.requireAdmin(ctx);
        String id = ctx.pathParam("id");
        List<Vulnerabilities.ProjectImpact> impact = vulnerabilities.impact(id);
        if (impact == null) {
            JsonBodies.send(ctx, 404, JsonBodies.newObject().put("error", "no advisory in force is named '" + id + "'"));
            return;
        }
        ObjectNode answer = JsonBodies.newObject().put("id", vulnerabilities.index().named(id).id());
        ArrayNode rows = answer.putArray("downloaders");
        ArrayNode projects = answer.putArray("projects");
        for (Vulnerabilities.ProjectImpact p : impact) {
            ObjectNode project = projects.addObject().put("project", p.project());
            ArrayNode versions = project.putArray("versions_downloaded");
            p.versions().forEach(versions::add);
            for (Usage.Fetcher f : p.downloaders()) {
                rows.addObject().put("project", p.project()).put("identity", f.identity()).put("client_address", f.clientAddress())
                        .put("installer", f.installer()).put("installer_version", f.installerVersion()).put("python", f.python())
                        .put("downloads", f.downloads()).put("first", f.first().toString()).put("last", f.last().toString());
            }
        }
        JsonBodies.send(ctx, 200, answer);
    }

    private void affected(Context ctx) throws IOException {
        callers.requireAdmin(ctx);
        Instant since = JsonBodies.since(ctx.queryParam("since"), vulnerabilities.clock().instant());
        ObjectNode answer = JsonBodies.newObject().put("since", since.toString());
        ArrayNode rows = answer.putArray("affected");
        for (Vulnerabilities.AffectedDownload d : vulnerabilities.affected(since)) {
            Advisory worst = d.advisories().get(0);
            ObjectNode row = rows.addObject().put("project", d.project()).put("version", d.version()).put("downloads", d.downloads())
                    .put("worst", worst.malicious() ? "malicious" : worst.severity().band().label());
            ArrayNode ids = row.putArray("advisories");
            d.advisories().forEach(a -> ids.add(a.id()));
        }
        JsonBodies.send(ctx, 200, answer);
    }
}
