package dev.sluice.hosted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.access.Accounts;
import dev.sluice.access.Callers;
import dev.sluice.access.Identity;
import dev.sluice.http.FileUrls;
import dev.sluice.http.JsonBodies;
import dev.sluice.pep.ProjectName;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Administration of hosted releases over HTTP (Bearer or Basic admin token):
 * <pre>
 * POST   /admin/projects/{project}/releases/{version}/yank     {"reason": "..."} (optional)
 * POST   /admin/projects/{project}/releases/{version}/unyank
 * DELETE /admin/projects/{project}/releases/{version}
 * POST   /admin/projects/{project}/files/{filename}/yank       {"reason": "..."} (optional)
 * POST   /admin/projects/{project}/files/{filename}/unyank
 * DELETE /admin/projects/{project}/files/{filename}
 * </pre>
 * Each answers {@code {"project", "version", "file", "action", "changed"}}; 404 when nothing matched. And names:
 * <pre>
 * POST   /admin/projects/{project}/claim      claims a name an outside source serves, so that a first upload may take it
 * DELETE /admin/projects/{project}            releases a hosted name: every file deleted (filenames stay burned), the
 *                                             project, its claim and its owner forgotten; the outside serves it again
 * </pre>
 */
final class ReleasesApi {
    private static final Logger LOG = LoggerFactory.getLogger(ReleasesApi.class);

    private final ReleaseManager releases;
    private final PublicNames names;
    private final Accounts accounts;
    private final Callers callers;

    ReleasesApi(ReleaseManager releases, PublicNames names, Accounts accounts, Callers callers) {
        this.releases = releases;
        this.names = names;
        this.accounts = accounts;
        this.callers = callers;
    }

    public void register(RoutesConfig routes) {
        routes.post("/admin/projects/{project}/releases/{version}/{action}", ctx -> act(ctx, false));
        routes.delete("/admin/projects/{project}/releases/{version}", ctx -> act(ctx, false));
        routes.post("/admin/projects/{project}/files/{file}/{action}", ctx -> act(ctx, true));
        routes.delete("/admin/projects/{project}/files/{file}", ctx -> act(ctx, true));
        routes.post("/admin/projects/{project}/claim", this::claim);
        routes.delete("/admin/projects/{project}", this::release);
    }

    private void claim(Context ctx) throws Exception {
        Identity admin = callers.requireAdmin(ctx);
        ProjectName project = project(ctx);
        boolean claimed = names.claim(project, admin.name());
        callers.log().allowed(admin.name(), ctx.ip(), "name claim", project.value());
        JsonBodies.send(ctx, claimed ? 201 : 200, JsonBodies.newObject().put("project", project.value()).put("claimed", true)
                .put("changed", claimed));
    }

    private void release(Context ctx) throws Exception {
        Identity admin = callers.requireAdmin(ctx);
        ProjectName project = project(ctx);
        int deleted = names.release(project);
        accounts.forgetOwner(project.value());
        callers.log().allowed(admin.name(), ctx.ip(), "name release", project + " (" + deleted + " file(s) deleted)");
        LOG.info("admin {} released the hosted name {}: {} file(s) deleted", admin.name(), project, deleted);
        JsonBodies.send(ctx, 200, JsonBodies.newObject().put("project", project.value()).put("released", true).put("deleted", deleted));
    }

    private static ProjectName project(Context ctx) {
        String raw = ctx.pathParam("project");
        if (!ProjectName.isValid(raw)) {
            throw new JsonBodies.BadRequest("'" + raw + "' is not a valid project name");
        }
        return ProjectName.of(raw);
    }

    private void act(Context ctx, boolean byFile) throws Exception {
        callers.requireAdmin(ctx);
        String rawProject = ctx.pathParam("project");
        if (!ProjectName.isValid(rawProject)) {
            JsonBodies.send(ctx, 404, error("'" + rawProject + "' is not a valid project name"));
            return;
        }
        ProjectName project = ProjectName.of(rawProject);
        String action = ctx.method().name().equals("DELETE") ? "delete" : ctx.pathParam("action").toLowerCase(Locale.ROOT);
        String file = byFile ? FileUrls.decodeSegment(rawSegment(ctx, 5)) : null;
        String version = byFile ? releases.versionOf(project, file) : ctx.pathParam("version");
        int changed = switch (action) {
            case "yank" -> releases.yank(project, version, file, reason(ctx));
            case "unyank" -> releases.unyank(project, version, file);
            case "delete" -> releases.delete(project, version, file);
            default -> -1;
        };
        if (changed < 0) {
            JsonBodies.send(ctx, 404, error("unknown action '" + action + "': expected yank or unyank"));
            return;
        }
        LOG.info("admin {} of {} {} {}: {} file(s)", action, project, version, file == null ? "" : file, changed);
        JsonBodies.send(ctx, 200, JsonBodies.newObject().put("project", project.value()).put("version", version).put("file", file)
                .put("action", action).put("changed", changed));
    }

    /** The raw (still encoded) n-th path segment, so that '+' in a filename survives. */
    private static String rawSegment(Context ctx, int index) {
        return ctx.req().getRequestURI().split("/")[index];
    }

    private static String reason(Context ctx) throws Exception {
        String query = ctx.queryParam("reason");
        if (query != null) {
            return query;
        }
        return JsonBodies.text(JsonBodies.object(ctx), "reason");
    }

    private static JsonNode error(String message) {
        return JsonBodies.newObject().put("error", message);
    }
}
