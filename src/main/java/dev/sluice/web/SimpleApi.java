package dev.sluice.web;

import dev.sluice.http.FileUrls;
import dev.sluice.http.RequestAttributes;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.Resource;
import dev.sluice.index.SourceReads;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.ProjectName;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * The simple repository API (PEP 503 / 691) of one route: project list, project pages, files and their
 * PEP 658 metadata. Translation only: the route's {@link Repository} decides what exists.
 */
final class SimpleApi {
    private static final String METADATA_SUFFIX = ".metadata";
    // The headers every page and list carries, encoded once: each request adds them as they are.
    private static final HttpField VARY = new PreEncodedHttpField(HttpHeader.VARY, "Accept, Accept-Encoding");
    private static final HttpField CACHE_CONTROL = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "max-age=600");
    private static final HttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");
    private static final String LAST_SERIAL = "X-PyPI-Last-Serial";

    private final String base;
    private final Repository repository;
    private final RenderedPages rendered;
    private final long generation;
    private final RenderedLists lists;
    private final RequestContext context;
    private final AccelRedirect accel;

    /**
     * @param base the route's path, starting and ending with '/', e.g. {@code /simple/}
     * @param rendered the page cache of the graph the request took
     * @param generation that graph's generation
     * @param context who asks, passed to every repository call
     */
    SimpleApi(String base, Repository repository, RenderedPages rendered, long generation, RenderedLists lists,
            RequestContext context, AccelRedirect accel) {
        this.context = context;
        this.accel = accel;
        this.base = base;
        this.repository = repository;
        this.rendered = rendered;
        this.generation = generation;
        this.lists = lists;
    }

    /** Answers a request under this API's base path; {@code rest} is what follows the base. */
    void serve(JettyExchange exchange, String rest) throws IOException {
        if (rest.isEmpty()) {
            exchange.attribute(RequestAttributes.KIND, "list");
            projectList(exchange);
            return;
        }
        String[] segments = rest.split("/", -1);
        String project = FileUrls.decodeSegment(segments[0]);
        if (project == null || !ProjectName.isValid(project)) {
            ErrorResponses.text(exchange, 404, "Not Found: '" + segments[0] + "' is not a valid project name");
            return;
        }
        ProjectName name = ProjectName.of(project);
        exchange.attribute(RequestAttributes.PROJECT, name.value());
        exchange.attribute(RequestAttributes.KIND, "page");
        if (segments.length == 1 || !segments[0].equals(name.value())) {
            String tail = segments.length <= 2 ? "/" + (segments.length == 2 ? segments[1] : "") : "/";
            exchange.redirect(base + name.value() + tail);
            return;
        }
        if (segments[1].isEmpty()) {
            projectPage(exchange, name);
            return;
        }
        String file = FileUrls.decodeSegment(segments[1]);
        if (file == null || segments.length > 2) {
            ErrorResponses.text(exchange, 404, "Not Found: " + exchange.path());
            return;
        }
        boolean isMetadata = file.endsWith(METADATA_SUFFIX);
        String distribution = isMetadata ? file.substring(0, file.length() - METADATA_SUFFIX.length()) : file;
        exchange.attribute(RequestAttributes.KIND, isMetadata ? "metadata" : "file");
        exchange.attribute(RequestAttributes.FILENAME, distribution);
        Resource bytes = isMetadata ? repository.metadata(name, distribution, context)
                : repository.file(name, file, context);
        UsageRecorder.servedWith(exchange, bytes.provenance());
        FileResponses.send(exchange, bytes, "application/octet-stream", accel);
    }

    private void projectList(JettyExchange exchange) throws IOException {
        SimpleFormat format = ContentNegotiation.choose(exchange.header(HttpHeader.ACCEPT), exchange.queryParam("format"));
        ProjectList list = repository.projects(context);
        boolean gzip = acceptsGzip(exchange.header(HttpHeader.ACCEPT_ENCODING));
        if (!headers(exchange, format, list.lastSerial(), list.version(), gzip)) {
            return;
        }
        String slot = base + "|" + format.isHtml();
        RenderedLists.ListBody body;
        try {
            body = lists.get(slot, slot + "|" + generation + "|" + list.version(), out -> {
                if (format.isHtml()) {
                    SimpleHtml.projectList(list, out);
                } else {
                    SimpleJson.projectList(list, out);
                }
            }, gzip, exchange.isHead() ? null : exchange::body);
        } catch (java.nio.file.NoSuchFileException replaced) {
            // a newer list replaced this one between its rendering and now: send the newer one
            projectList(exchange);
            return;
        }
        if (body == null) {
            return; // this request rendered the list and had it sent as it was written
        }
        try (InputStream stream = body.stream()) {
            if (body.size() >= 0) {
                exchange.header("Content-Length", Long.toString(body.size()));
            }
            if (!exchange.isHead()) {
                // A rendering this request follows may fail: that is the server's failure, not the client's.
                exchange.send(SourceReads.guard(stream, e -> new SourceUnavailable("the project list could not be rendered: "
                        + e.getMessage(), e)), body.size());
            }
        }
    }

    private void projectPage(JettyExchange exchange, ProjectName name) {
        SimpleFormat format = ContentNegotiation.choose(exchange.header(HttpHeader.ACCEPT), exchange.queryParam("format"));
        ProjectPage project = repository.project(name, context);
        UsageRecorder.servedWith(exchange, project.provenance());
        if (project.provenance().staleReason() != null) {
            exchange.header("X-Sluice-Stale", "served from cache: " + project.provenance().staleReason().replaceAll("[\\r\\n]", " "));
        }
        // What gates did is part of the key: cooldown changes a page as time passes, and a vulnerability policy as
        // advisories arrive, the serial unchanged.
        int gates = project.provenance().hidden().isEmpty() && project.provenance().flagged().isEmpty() ? 0
                : 31 * project.provenance().hidden().hashCode() + project.provenance().flagged().hashCode();
        String key = base + name + "|" + project.lastSerial() + "|" + project.files().size() + "|" + gates + "|" + format.isHtml()
                + "|" + project.status();
        RenderedPages.Rendered page = rendered.get(key,
                () -> format.isHtml() ? SimpleHtml.projectPage(project) : SimpleJson.projectPage(project));
        send(exchange, page, format, project.lastSerial(), project.lastSerial() + "." + project.files().size()
                + (gates == 0 ? "" : "." + Integer.toHexString(gates)));
    }

    /** @param version what the ETag names: the serial, and for pages what gates let through */
    private static void send(JettyExchange exchange, RenderedPages.Rendered page, SimpleFormat format, long serial, String version) {
        boolean gzip = acceptsGzip(exchange.header(HttpHeader.ACCEPT_ENCODING));
        if (!headers(exchange, format, serial, version, gzip)) {
            return;
        }
        byte[] body = gzip ? page.gzip() : page.identity;
        if (exchange.isHead()) {
            exchange.header("Content-Length", Integer.toString(body.length));
        } else {
            exchange.result(body); // with its Content-Length
        }
    }

    /** The headers of a page or list; false when the client's copy is current (a 304, nothing more to send). */
    private static boolean headers(JettyExchange exchange, SimpleFormat format, long serial, String version, boolean gzip) {
        String etag = "\"" + version + "-" + format.etagSuffix() + (gzip ? "-gzip\"" : "\"");
        exchange.header(VARY);
        exchange.header(new HttpField(null, LAST_SERIAL, Long.toString(serial)));
        exchange.header(CACHE_CONTROL);
        exchange.header(new HttpField(HttpHeader.ETAG, etag));
        if (matches(exchange.header(HttpHeader.IF_NONE_MATCH), etag)) {
            exchange.status(304);
            return false;
        }
        exchange.header(format.contentTypeField());
        if (gzip) {
            exchange.header(GZIP);
        }
        return true;
    }

    /** Whether an If-None-Match header (a list of tags, or *) names this ETag. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.strip().split(";");
            if (parts[0].strip().equalsIgnoreCase("gzip")) {
                return !(parts.length > 1 && parts[1].strip().replace(" ", "").matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }
}
