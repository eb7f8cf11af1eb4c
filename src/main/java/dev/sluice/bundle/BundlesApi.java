package dev.sluice.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.access.Callers;
import dev.sluice.access.Identity;
import dev.sluice.http.JsonBodies;
import dev.sluice.http.ProgressLines;
import dev.sluice.index.Repository;
import dev.sluice.index.RepositoryException;
import dev.sluice.index.RequestContext;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin side of bundles, for {@code sluice bundle ...}:
 * <pre>
 * GET  /admin/bundles/key      this Sluice's public signing key (text)
 * POST /admin/bundles/export   {"route", "requirements", "projects", "targets": [{"python", "platform"}], "allow_sdist"}:
 *                              the bundle (application/x-tar), or 409 naming the conflict before any byte of it
 * POST /admin/bundles/import?into=NAME[&amp;allow_unsigned=true]   the bundle in the body; answers with progress lines
 *                              ({"progress": {"members", "of", "bytes"}}) and then {"report": ...} or {"error": ...}
 * </pre>
 */
final class BundlesApi {
    private static final Logger LOG = LoggerFactory.getLogger(BundlesApi.class);
    static final String IMPORT = "/admin/bundles/import";

    private final Bundles bundles;
    private final Callers callers;
    private final Function<String, Repository> routeNamed;

    BundlesApi(Bundles bundles, Callers callers, Function<String, Repository> routeNamed) {
        this.bundles = bundles;
        this.callers = callers;
        this.routeNamed = routeNamed;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/bundles/key", this::key);
        routes.post("/admin/bundles/export", this::export);
        routes.post(IMPORT, this::importBundle);
    }

    private void key(Context ctx) throws IOException {
        callers.requireAdmin(ctx);
        ctx.contentType("text/plain; charset=utf-8").result(bundles.publicKey() + "\n");
    }

    private void export(Context ctx) throws IOException {
        Identity admin = callers.requireAdmin(ctx);
        JsonNode body = JsonBodies.object(ctx);
        String routeName = JsonBodies.text(body, "route");
        if (routeName == null) {
            throw new JsonBodies.BadRequest("'route' is required: the name of the route to export from");
        }
        Repository route = routeNamed.apply(routeName);
        if (route == null) {
            JsonBodies.send(ctx, 404, JsonBodies.newObject().put("error", "no route is named '" + routeName + "'"));
            return;
        }
        List<TargetEnvironment> targets = new ArrayList<>();
        for (JsonNode t : body.path("targets")) {
            try {
                targets.add(TargetEnvironment.of(JsonBodies.text(t, "python"), JsonBodies.text(t, "platform")));
            } catch (IllegalArgumentException e) {
                throw new JsonBodies.BadRequest(e.getMessage());
            }
        }
        BundleExport.Request request = new BundleExport.Request(routeName, JsonBodies.text(body, "requirements"),
                JsonBodies.text(body, "projects"), targets, body.path("allow_sdist").asBoolean(false),
                since(JsonBodies.text(body, "since")));
        RequestContext context = Bundles.exporting(admin.name(), routeName, ctx.ip(), java.time.Instant.now());
        BundleExport.Plan plan;
        long started = System.nanoTime();
        try {
            plan = bundles.plan(request, route, context);
        } catch (IllegalArgumentException e) {
            throw new JsonBodies.BadRequest(e.getMessage());
        } catch (ResolutionImpossible e) {
            JsonBodies.send(ctx, 409, JsonBodies.newObject().put("error", e.getMessage()));
            return;
        } catch (dev.sluice.index.Refused e) {
            JsonBodies.send(ctx, 409, JsonBodies.newObject().put("error", "the route refuses what the export needs: " + e.getMessage()));
            return;
        } catch (RepositoryException e) {
            JsonBodies.send(ctx, 502, JsonBodies.newObject().put("error", "the route could not answer: " + e.getMessage()));
            return;
        }
        callers.log().allowed(admin.name(), ctx.ip(), "bundle export", routeName + ": " + plan.files().size() + " files, "
                + plan.manifest().targets());
        ctx.status(200).contentType("application/x-tar").header("X-Sluice-Bundle-Files", String.valueOf(plan.files().size()))
                .header("X-Sluice-Bundle-Bytes", String.valueOf(plan.bytes()))
                .header("X-Sluice-Bundle-Plan-Millis", String.valueOf((System.nanoTime() - started) / 1_000_000));
        try (OutputStream out = ctx.outputStream()) {
            bundles.write(plan, route, context, out);
        } catch (IOException | RuntimeException e) {
            // The status is sent: the client sees a bundle that ends early, which every reader refuses.
            LOG.warn("the bundle export from route {} stopped: {}", routeName, e.getMessage());
            throw new IOException("the bundle export stopped: " + e.getMessage(), e);
        }
    }

    /** A serial (digits), else a time: RFC 3339, a date, or a duration back from now ({@code 30d}). */
    private static BundleExport.Since since(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.strip().matches("[0-9]{1,18}")) {
            return new BundleExport.Since(Long.parseLong(text.strip()), null);
        }
        return new BundleExport.Since(null, JsonBodies.since(text.strip(), java.time.Instant.now()));
    }

    private void importBundle(Context ctx) throws IOException {
        Identity admin = callers.requireAdmin(ctx);
        String into = ctx.queryParam("into");
        if (into == null || into.isBlank()) {
            throw new JsonBodies.BadRequest("'into' is required: the bundle source to import into");
        }
        boolean allowUnsigned = "true".equals(ctx.queryParam("allow_unsigned"));
        ProgressLines lines = new ProgressLines(ctx, java.time.Duration.ofMillis(500));
        BundleReader.Progress progress = (done, total, bytes) -> lines.step(
                JsonBodies.newObject().put("members", done).put("of", total).put("bytes", bytes), done == total);
        try (InputStream in = ctx.bodyInputStream()) {
            BundleImport.Report report = bundles.importInto(into, in, allowUnsigned, progress);
            callers.log().allowed(admin.name(), ctx.ip(), "bundle import", into + ": " + report.added().size() + " added, "
                    + report.present().size() + " present, " + report.refused().size() + " refused, bundle "
                    + report.manifestSha256() + (report.signer() == null ? " (unsigned)" : " signed by " + report.signer()));
            lines.report(report.toJson());
        } catch (BundleRefused e) {
            callers.log().allowed(admin.name(), ctx.ip(), "bundle import refused", into + ": " + e.getMessage());
            lines.error("nothing was imported: " + e.getMessage());
        }
    }
}
