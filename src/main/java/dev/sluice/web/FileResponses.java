package dev.sluice.web;

import dev.sluice.index.Resource;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a file or metadata resource: immutable caching (a filename always means the same bytes), the
 * sha256 as ETag, and single byte ranges ({@code 206}, or {@code 416} when unsatisfiable).
 */
final class FileResponses {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private FileResponses() {}

    static void send(Context ctx, Resource resource, String contentType) throws IOException {
        String etag = "\"" + resource.sha256() + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "max-age=31536000, immutable");
        ctx.header("Accept-Ranges", "bytes");
        if (SimpleApi.matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        long size = resource.size();
        if (size < 0) {
            // Length not known yet (a proxied file whose upstream did not say): the whole file, streamed.
            ctx.contentType(contentType);
            if (!ctx.method().name().equals("HEAD")) {
                ResponseBodies.send(ctx, resource.openStream(0, -1), -1);
            }
            return;
        }
        long start = 0;
        long end = size - 1;
        String range = ctx.header("Range");
        if (range != null) {
            Matcher m = RANGE.matcher(range.strip());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    long suffix = Long.parseLong(m.group(2));
                    start = Math.max(0, size - suffix);
                } else {
                    start = Long.parseLong(m.group(1));
                    end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
                }
                if (start >= size || start > end) {
                    ctx.status(416).header("Content-Range", "bytes */" + size);
                    return;
                }
                ctx.status(206).header("Content-Range", "bytes " + start + "-" + end + "/" + size);
            }
            // Multiple or malformed ranges: the whole file, as RFC 9110 allows.
        }
        long length = end - start + 1;
        ctx.contentType(contentType);
        ctx.header("Content-Length", Long.toString(length));
        if (ctx.method().name().equals("HEAD")) {
            return;
        }
        ResponseBodies.send(ctx, resource.openStream(start, length), length);
    }
}
