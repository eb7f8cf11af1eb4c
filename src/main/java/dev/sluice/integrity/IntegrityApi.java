package dev.sluice.integrity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.access.Callers;
import dev.sluice.access.Identity;
import dev.sluice.http.JsonBodies;
import dev.sluice.http.ProgressLines;
import dev.sluice.store.Backup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The admin side of {@code sluice verify}:
 * <pre>
 * POST /admin/verify[?repair=true][&amp;rate=BYTES_PER_SECOND]   progress lines ({"progress": {"blobs", "of", "bytes"}}),
 *                                                         then {"report": ...}
 * POST /admin/gc[?dry_run=true][&amp;grace=1d]     {"removed": [sha256...], "recent_left", "dry_run", "seconds"}
 * POST /admin/backup?to=DIR                    progress lines ({"progress": {"line"}}), then {"report": {"blobs",
 *                                              "copied", "bytes_copied", "files", "catalog", "seconds"}} or {"error"}
 * </pre>
 */
final class IntegrityApi {
    /** The default rate: a tenth of a fast disk, so that serving goes on. */
    static final long DEFAULT_RATE = 50L << 20;

    private final Integrity integrity;
    private final Callers callers;

    IntegrityApi(Integrity integrity, Callers callers) {
        this.integrity = integrity;
        this.callers = callers;
    }

    void register(RoutesConfig routes) {
        routes.post("/admin/verify", this::verify);
        routes.post("/admin/gc", this::collectGarbage);
        routes.post("/admin/backup", this::backup);
    }

    /**
     * The least grace a collection takes: an upload stores its blob a moment before its row, but a bundle import stores
     * every new file before it writes the rows, and a big one into S3 may take minutes.
     */
    static final java.time.Duration LEAST_GRACE = java.time.Duration.ofHours(1);

    private void collectGarbage(Context ctx) throws IOException {
        Identity admin = callers.requireAdmin(ctx);
        boolean dryRun = "true".equals(ctx.queryParam("dry_run"));
        java.time.Duration grace;
        try {
            grace = ctx.queryParam("grace") == null ? java.time.Duration.ofDays(1) : dev.sluice.util.Durations.parse(ctx.queryParam("grace"));
        } catch (IllegalArgumentException e) {
            throw new JsonBodies.BadRequest("'grace' is a duration such as 1h: " + e.getMessage());
        }
        if (grace.compareTo(LEAST_GRACE) < 0) {
            throw new JsonBodies.BadRequest("'grace' must be at least 1h: uploads and bundle imports store their bytes before"
                    + " their rows");
        }
        Integrity.Collected collected = integrity.collectGarbage(grace, dryRun);
        callers.log().allowed(admin.name(), ctx.ip(), dryRun ? "gc dry run" : "gc", collected.removed().size() + " unreferenced"
                + " blob(s) older than " + grace + (dryRun ? " found" : " removed"));
        ObjectNode json = JsonBodies.newObject().put("dry_run", dryRun).put("recent_left", collected.recentLeft())
                .put("seconds", collected.took().toMillis() / 1000.0);
        collected.removed().forEach(json.putArray("removed")::add);
        JsonBodies.send(ctx, 200, json);
    }

    private void verify(Context ctx) throws IOException {
        Identity admin = callers.requireAdmin(ctx);
        boolean repair = "true".equals(ctx.queryParam("repair"));
        long rate;
        try {
            rate = ctx.queryParam("rate") == null ? DEFAULT_RATE : Long.parseLong(ctx.queryParam("rate"));
        } catch (NumberFormatException e) {
            throw new JsonBodies.BadRequest("'rate' is a number of bytes per second");
        }
        ProgressLines lines = new ProgressLines(ctx, java.time.Duration.ofMillis(500));
        Integrity.Report report = integrity.verify(repair, rate, (blobs, of, bytes) -> lines.step(
                JsonBodies.newObject().put("blobs", blobs).put("of", of).put("bytes", bytes), blobs == of));
        callers.log().allowed(admin.name(), ctx.ip(), repair ? "verify and repair" : "verify", report.blobs() + " blobs: "
                + report.missing().size() + " missing, " + report.damaged().size() + " damaged, " + report.unreferenced().size()
                + " unreferenced");
        ObjectNode json = JsonBodies.newObject().put("blobs", report.blobs()).put("bytes", report.bytes())
                .put("seconds", report.took().toMillis() / 1000.0).put("repair", repair);
        problems(json.putArray("missing"), report.missing());
        problems(json.putArray("damaged"), report.damaged());
        report.unreferenced().forEach(json.putArray("unreferenced")::add);
        lines.report(json);
    }

    private void backup(Context ctx) throws IOException {
        Identity admin = callers.requireAdmin(ctx);
        Path to;
        try {
            to = ctx.queryParam("to") == null ? null : Path.of(ctx.queryParam("to"));
        } catch (java.nio.file.InvalidPathException e) {
            to = null;
        }
        if (to == null || !to.isAbsolute()) {
            throw new JsonBodies.BadRequest("'to' is the absolute path of a folder on the server's machine");
        }
        ProgressLines lines = new ProgressLines(ctx, java.time.Duration.ZERO);
        long started = System.nanoTime();
        Backup.Report report;
        try {
            report = integrity.backup(to, line -> lines.step(JsonBodies.newObject().put("line", line), false));
        } catch (IOException | RuntimeException e) {
            callers.log().allowed(admin.name(), ctx.ip(), "backup", "to " + to + " failed: " + e.getMessage());
            lines.error("the backup to " + to + " failed: " + e.getMessage());
            return;
        }
        callers.log().allowed(admin.name(), ctx.ip(), "backup", "to " + to + ": " + report.blobs() + " blobs, " + report.copied()
                + " copied; catalog " + report.catalog());
        ObjectNode json = JsonBodies.newObject().put("to", to.toString()).put("blobs", report.blobs()).put("copied", report.copied())
                .put("bytes_copied", report.bytesCopied()).put("catalog", report.catalog())
                .put("seconds", (System.nanoTime() - started) / 1e9);
        report.files().forEach(json.putArray("files")::add);
        lines.report(json);
    }

    private static void problems(ArrayNode array, List<Integrity.Problem> problems) {
        for (Integrity.Problem p : problems) {
            ObjectNode o = array.addObject().put("sha256", p.sha256()).put("repair", p.repair());
            p.namedBy().forEach(o.putArray("named_by")::add);
        }
    }
}
