package dev.sluice.web;

import dev.sluice.http.RequestAttributes;
import dev.sluice.index.Resource;
import dev.sluice.index.SourceReads;
import dev.sluice.index.SourceUnavailable;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a file or metadata resource: immutable caching (a filename always means the same bytes), the
 * sha256 as ETag, and single byte ranges ({@code 206}, or {@code 416} when unsatisfiable).
 */
final class FileResponses {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    /** Bodies up to this size are read whole and handed to the response in one piece. */
    private static final long WHOLE_BELOW = 64 * 1024;
    // What every file answer says, encoded once.
    private static final HttpField IMMUTABLE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "max-age=31536000, immutable");
    private static final HttpField RANGES = new PreEncodedHttpField(HttpHeader.ACCEPT_RANGES, "bytes");

    private FileResponses() {}

    static void send(JettyExchange exchange, Resource resource, String contentType) throws IOException {
        send(exchange, resource, contentType, AccelRedirect.OFF);
    }

    /** As above; a whole stored file, not a range, is handed to the front nginx when {@code accel} says where. */
    static void send(JettyExchange exchange, Resource resource, String contentType, AccelRedirect accel) throws IOException {
        String etag = "\"" + resource.sha256() + "\"";
        exchange.header(new HttpField(HttpHeader.ETAG, etag));
        exchange.header(IMMUTABLE);
        long size = resource.size();
        String range = exchange.header(HttpHeader.RANGE);
        boolean notModified = SimpleApi.matches(exchange.header(HttpHeader.IF_NONE_MATCH), etag);
        String handOver = notModified || range != null || size <= WHOLE_BELOW || exchange.isHead() ? null
                : accel.internalPath(resource.sha256());
        if (handOver != null) {
            // nginx sends the bytes, their length and its own Accept-Ranges; the usage event counts them as handed over
            exchange.contentType(contentType);
            exchange.header("X-Accel-Redirect", handOver);
            exchange.attribute(RequestAttributes.HANDED_OVER, size);
            return;
        }
        exchange.header(RANGES);
        if (notModified) {
            exchange.status(304);
            return;
        }
        if (size < 0) {
            // Length not known yet (a proxied file whose upstream did not say): the whole file, streamed.
            exchange.contentType(contentType);
            if (!exchange.isHead()) {
                exchange.send(read(exchange, resource, 0, -1), -1);
            }
            return;
        }
        long start = 0;
        long end = size - 1;
        if (range != null) {
            Matcher m = RANGE.matcher(range.strip());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    long suffix = position(m.group(2));
                    start = Math.max(0, size - suffix);
                } else {
                    start = position(m.group(1));
                    end = m.group(2).isEmpty() ? size - 1 : Math.min(position(m.group(2)), size - 1);
                }
                if (start >= size || start > end) {
                    exchange.status(416).header("Content-Range", "bytes */" + size);
                    return;
                }
                exchange.status(206).header("Content-Range", "bytes " + start + "-" + end + "/" + size);
            }
            // Multiple or malformed ranges: the whole file, as RFC 9110 allows.
        }
        long length = end - start + 1;
        exchange.contentType(contentType);
        if (exchange.isHead()) {
            exchange.header("Content-Length", Long.toString(length));
            return;
        }
        if (length <= WHOLE_BELOW) {
            // Core metadata and small files: read at once and sent with the headers in one write.
            try (InputStream in = read(exchange, resource, start, length)) {
                byte[] body = in.readNBytes((int) length);
                if (body.length != length) {
                    throw new SourceUnavailable("the stored bytes of " + exchange.path() + " end after " + body.length
                            + " of " + length + " bytes", null);
                }
                exchange.result(body);
            }
            return;
        }
        exchange.header("Content-Length", Long.toString(length));
        exchange.send(read(exchange, resource, start, length), length);
    }

    /**
     * The resource's bytes, whose read failures are the source's (503, or what the source said), never taken for
     * the client's: a source that breaks off before the first byte leaves gets a whole error answer.
     */
    private static InputStream read(JettyExchange exchange, Resource resource, long start, long length) {
        try {
            return SourceReads.guard(resource.openStream(start, length), e -> cannotRead(exchange, e));
        } catch (IOException e) {
            throw cannotRead(exchange, e);
        }
    }

    private static SourceUnavailable cannotRead(JettyExchange exchange, IOException e) {
        return new SourceUnavailable("the bytes of " + exchange.path() + " cannot be read: " + e.getMessage(), e);
    }

    /** A byte position of a Range header; one past any file's size (a number of any length) counts as the largest. */
    private static long position(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException beyondLong) {
            return Long.MAX_VALUE;
        }
    }
}
