package dev.sluice.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.OutputStream;
import java.time.Duration;

/**
 * The answer of a long admin request (an import, a check of every blob): {@code 200} with JSON lines, each
 * {@code {"progress": {...}}} as the work goes (at most one per interval, and always the last step's), then
 * {@code {"report": {...}}}, or {@code {"error": "..."}} when the work failed after the answer began. The command line
 * follows them ({@code AdminClient.sendForReport}).
 */
public final class ProgressLines {
    private final OutputStream out;
    private final long intervalNanos;
    private long lastLine;

    /** Starts the answer; progress lines come at most once per {@code interval} ({@link Duration#ZERO}: every one). */
    public ProgressLines(Context ctx, Duration interval) {
        ctx.status(200).contentType("application/x-ndjson");
        this.out = ctx.outputStream();
        this.intervalNanos = interval.toNanos();
    }

    /** A step of the work: sent when the interval has passed since the last line sent, or when it is the last step. */
    public void step(ObjectNode progress, boolean lastStep) {
        long now = System.nanoTime();
        if (lastStep || lastLine == 0 || now - lastLine >= intervalNanos) {
            lastLine = now;
            JsonBodies.line(out, JsonBodies.newObject().set("progress", progress));
        }
    }

    public void report(ObjectNode report) {
        JsonBodies.line(out, JsonBodies.newObject().set("report", report));
    }

    public void error(String message) {
        JsonBodies.line(out, JsonBodies.newObject().put("error", message));
    }
}
