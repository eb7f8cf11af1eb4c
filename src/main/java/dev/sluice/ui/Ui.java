package dev.sluice.ui;

import dev.sluice.access.Callers;
import dev.sluice.access.Identity;
import dev.sluice.http.JavalinExchange;
import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.pep.ProjectName;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The web interface for people: a home page listing the indexes, finding a project by name, and a project's page
 * (install command, provenance, files with versions, sizes, upload times, yanks and hashes), read through the route
 * as pip reads it, with the caller's rights. Pages load nothing from outside (closed networks), need no JavaScript,
 * and are sent with a strict Content-Security-Policy. The interface's one entrance.
 */
public final class Ui {
    /** Nothing but this server's own stylesheet: no script, no frame, no form posting elsewhere. */
    static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    private static final String DEFAULT_ROUTE = "/simple/";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final byte[] STYLESHEET = stylesheet();

    private final Supplier<List<String>> routePaths;
    private final Function<String, Repository> routeAt;
    private final Function<String, String> routeName;
    private final Callers callers;
    private final Clock clock;
    private volatile NameIndex nameIndex;
    private static final int RESULTS = 50;

    /**
     * @param routePaths the paths of the routes served ({@code /simple/}, {@code /indexes/NAME/simple/})
     * @param routeAt the repository a route path serves, or null
     * @param routeName the name of the route at a path
     */
    public Ui(Supplier<List<String>> routePaths, Function<String, Repository> routeAt, Function<String, String> routeName,
            Callers callers, Clock clock) {
        this.routePaths = routePaths;
        this.routeAt = routeAt;
        this.routeName = routeName;
        this.callers = callers;
        this.clock = clock;
    }

    public void registerEndpoints(RoutesConfig routes) {
        routes.get("/", this::home);
        routes.get("/search", this::search);
        routes.get("/project/{name}/", this::project);
        routes.get("/static/sluice.css", ctx -> ctx.header("Cache-Control", "public, max-age=86400").contentType("text/css")
                .result(STYLESHEET));
    }

    private void home(Context ctx) {
        String base = base(ctx);
        List<RouteLink> links = routePaths.get().stream().map(p -> new RouteLink(routeName.apply(p), base + p)).toList();
        page(ctx, 200, "ui/home.jte", Map.of("routes", links));
    }

    /**
     * A project's exact name goes to its page; anything else lists the names that start with it or hold its words,
     * among every project the default route can serve this caller (hosted, cached from upstreams, in folders).
     */
    private void search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        String wanted = q.strip();
        if (wanted.length() > 200) {
            wanted = wanted.substring(0, 200);
        }
        if (ProjectName.isValid(wanted) && read(ProjectName.of(wanted), ctx) != null) {
            ctx.redirect("/project/" + ProjectName.normalize(wanted) + "/", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        NameIndex index = names(ctx);
        List<SearchResult> results = index == null ? List.of() : index.search(wanted, RESULTS).stream()
                .map(n -> new SearchResult(n.normalized(), n.display())).toList();
        page(ctx, 200, "ui/results.jte", Map.of("query", wanted, "results", results, "searched", index == null ? 0 : index.size()));
    }

    /**
     * The names of the default route, as this caller may read them: the route is asked for its list on every search
     * (so a caller who may not read it is refused), and the index is built again only when the list's serial changed.
     */
    private NameIndex names(Context ctx) {
        Repository route = routeAt.apply(DEFAULT_ROUTE);
        if (route == null) {
            return null;
        }
        ProjectList list = route.projects(context(ctx));
        NameIndex known = nameIndex;
        if (known == null || known.serial() != list.lastSerial()) {
            known = NameIndex.of(list);
            nameIndex = known;
        }
        return known;
    }

    private void project(Context ctx) {
        String text = ctx.pathParam("name");
        if (!ProjectName.isValid(text)) {
            message(ctx, 404, "No such project", "'" + text + "' is not a project name.");
            return;
        }
        ProjectName name = ProjectName.of(text);
        if (!name.value().equals(text)) {
            ctx.redirect("/project/" + name.value() + "/", io.javalin.http.HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        ProjectPage page = read(name, ctx);
        if (page == null) {
            message(ctx, 404, "No such project", "No project is named '" + text + "' on this index.");
            return;
        }
        List<FileRow> rows = new ArrayList<>();
        for (DistributionFile f : page.files()) {
            rows.add(new FileRow(f.filename(), f.version(), size(f.size()), f.uploadTime() == null ? "" : DAY.format(f.uploadTime()),
                    f.sha256(), f.yanked(), f.yankReason() == null || f.yankReason().isEmpty() ? null : f.yankReason()));
        }
        Collections.reverse(rows); // newest first, as people read a history
        dev.sluice.pep.CoreMetadata metadata = newestMetadata(name, page, ctx);
        String latest = page.files().isEmpty() ? null : page.files().get(page.files().size() - 1).version();
        page(ctx, 200, "ui/project.jte", Map.of("name", page.displayName() == null ? name.value() : page.displayName(),
                "latest", latest == null ? "" : latest, "indexUrl", base(ctx) + DEFAULT_ROUTE,
                "source", page.provenance().source(), "gates", String.join(", ", page.provenance().gates()), "files", rows,
                "readme", metadata == null ? "" : Readme.html(metadata.description(), metadata.descriptionContentType()),
                "summary", metadata == null || metadata.summary() == null ? "" : metadata.summary(),
                "dependencies", metadata == null ? List.of() : Dependency.of(metadata.requiresDist())));
    }

    /**
     * The core metadata of the newest wheel that has it, read through the route (PEP 658); null when none can be had
     * (an sdist's PKG-INFO may be incomplete, as PyPI knows).
     */
    private dev.sluice.pep.CoreMetadata newestMetadata(ProjectName name, ProjectPage page, Context ctx) {
        Repository route = routeAt.apply(DEFAULT_ROUTE);
        for (int i = page.files().size() - 1; i >= 0; i--) {
            DistributionFile f = page.files().get(i);
            if (!f.coreMetadata()) {
                continue;
            }
            try (InputStream in = route.metadata(name, f.filename(), context(ctx)).openStream(0, -1)) {
                return dev.sluice.pep.CoreMetadata.parse(in.readNBytes(16 << 20));
            } catch (IOException | RuntimeException unavailable) {
                return null;
            }
        }
        return null;
    }

    /** The project as the default route serves it to this caller, or null when it has none. */
    private ProjectPage read(ProjectName name, Context ctx) {
        Repository route = routeAt.apply(DEFAULT_ROUTE);
        if (route == null) {
            return null;
        }
        try {
            return route.project(name, context(ctx));
        } catch (ProjectNotFound notHere) {
            return null;
        }
    }

    /** The request as the default route reads it: the caller's rights (pip's Basic credentials, tokens), address and time. */
    private RequestContext context(Context ctx) {
        Identity caller = callers.identify(new JavalinExchange(ctx), "Basic");
        return new RequestContext(caller, routeName.apply(DEFAULT_ROUTE), ctx.ip(), clock.instant());
    }

    private static void message(Context ctx, int status, String title, String message) {
        page(ctx, status, "ui/message.jte", Map.of("title", title, "message", message));
    }

    private static void page(Context ctx, int status, String template, Map<String, Object> params) {
        ctx.header("Content-Security-Policy", POLICY).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin").header("X-Frame-Options", "DENY");
        ctx.status(status).contentType("text/html; charset=utf-8").result(Templates.render(template, params));
    }

    /** This server's address as the client reached it. */
    private static String base(Context ctx) {
        String url = ctx.url();
        return url.substring(0, url.indexOf('/', url.indexOf("://") + 3));
    }

    private static String size(long bytes) {
        if (bytes < 0) {
            return "";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kb = bytes / 1024.0;
        return kb < 1024 ? String.format(java.util.Locale.ROOT, "%.1f kB", kb)
                : String.format(java.util.Locale.ROOT, "%.1f MB", kb / 1024);
    }

    private static byte[] stylesheet() {
        try (InputStream in = Ui.class.getResourceAsStream("/ui/sluice.css")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
