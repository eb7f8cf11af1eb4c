package dev.sluice.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Bodies written straight to the servlet response rather than as a Javalin result: Javalin copies a result
 * 8 KB at a time through its own wrapper stream; large bodies (a 36 MB root list) go in 256 KB writes, which
 * Jetty hands to the socket without aggregating them. The handler returns once the body is sent; the
 * after-handlers (usage log) still run after it, inside the request.
 */
final class ResponseBodies {
    private static final int CHUNK = 256 * 1024;

    private ResponseBodies() {}

    /** Sends the stream's bytes and closes it. @param length how many there are, or -1 when not known */
    static void send(Context ctx, InputStream body, long length) throws IOException {
        try (InputStream in = body) {
            OutputStream out = ctx.res().getOutputStream();
            byte[] buffer = new byte[length < 0 ? CHUNK : Math.clamp(length, 1, CHUNK)];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            out.flush();
        }
    }
}
