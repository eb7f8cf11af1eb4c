package dev.sluice.ui;

import dev.sluice.access.Callers;
import dev.sluice.access.Identity;
import dev.sluice.http.Pages;
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
    private static final String DEFAULT_ROUTE = "/simple/";
    private static final byte[] STYLESHEET = stylesheet();

    private final Supplier<List<String>> routePaths;
    private final Function<String, Repository> routeAt;
    private final Function<String, String> routeName;
    private final Callers callers;
    private final Pages pages;
    private final ProjectPages projects;
    private final SummaryIndex summaries;
    private final Clock clock;
    private volatile NameIndex nameIndex;

    /** The features whose facts the pages show: downloads, vulnerabilities, inspection verdicts, the hosted names. */
    public record Facts(dev.sluice.usage.Usage usage, dev.sluice.vulnerabilities.Vulnerabilities vulnerabilities,
            dev.sluice.inspection.Inspection inspection, Supplier<java.util.Collection<String>> hostedNames,
            dev.sluice.store.Database catalog) {}
    private static final int RESULTS = 50;

    /**
     * @param routePaths the paths of the routes served ({@code /simple/}, {@code /indexes/NAME/simple/})
     * @param routeAt the repository a route path serves, or null
     * @param routeName the name of the route at a path
     */
    public Ui(Supplier<List<String>> routePaths, Function<String, Repository> routeAt, Function<String, String> routeName,
            Callers callers, Pages pages, Facts facts, Clock clock) {
        this.routePaths = routePaths;
        this.routeAt = routeAt;
        this.routeName = routeName;
        this.callers = callers;
        this.pages = pages;
        this.clock = clock;
        this.summaries = new SummaryIndex(facts.catalog());
        this.projects = new ProjectPages(() -> routeAt.apply(DEFAULT_ROUTE), new ProjectPages.Facts(facts.usage(),
                facts.vulnerabilities(), facts.inspection(), facts.hostedNames(), summaries), clock);
    }

    public void registerEndpoints(RoutesConfig routes) {
        routes.get("/", this::home);
        routes.get("/search", this::search);
        routes.get("/project/{name}/", this::project);
        routes.get("/project/{name}/{version}/", this::project);
        routes.get("/static/sluice.css", ctx -> ctx.header("Cache-Control", "public, max-age=86400").contentType("text/css")
                .result(STYLESHEET));
    }

    private void home(Context ctx) {
        String base = Pages.base(ctx);
        List<RouteLink> links = routePaths.get().stream().map(p -> new RouteLink(routeName.apply(p), base + p)).toList();
        pages.send(ctx, 200, visitor(ctx), "Home", "ui/home.jte", Map.of("routes", links));
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
        List<SearchResult> results = index == null ? List.of() : results(index, wanted);
        pages.send(ctx, 200, visitor(ctx), "Search: " + wanted, "ui/results.jte", Map.of("query", wanted, "results", results, "searched", index == null ? 0 : index.size()));
    }

    /**
     * Names first (exact, prefix, words), then projects whose summary holds the words; only names the route serves this
     * caller, each with what is known of it (summary, latest version, source).
     */
    private List<SearchResult> results(NameIndex index, String wanted) {
        projects.refreshHosted(index.serial());
        // The catalog's full-text query and the names' pass run side by side: each can take tens of milliseconds.
        java.util.concurrent.CompletableFuture<List<SummaryIndex.Known>> bySummary = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> summaries.search(wanted, RESULTS * 4), Thread::startVirtualThread);
        java.util.LinkedHashMap<String, String> found = new java.util.LinkedHashMap<>();
        index.search(wanted, RESULTS).forEach(n -> found.put(n.normalized(), n.display()));
        for (SummaryIndex.Known k : bySummary.join()) {
            if (found.size() >= RESULTS) {
                break;
            }
            String display = index.display(k.normalized());
            if (display != null) {
                found.putIfAbsent(k.normalized(), display);
            }
        }
        Map<String, SummaryIndex.Known> known = summaries.known(List.copyOf(found.keySet()));
        List<SearchResult> results = new java.util.ArrayList<>();
        found.forEach((name, display) -> {
            SummaryIndex.Known k = known.get(name);
            results.add(new SearchResult(name, display, k == null ? "" : k.version(), k == null ? "" : k.summary(),
                    k == null ? "" : k.source()));
        });
        return results;
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
        String version = ctx.pathParamMap().get("version");
        if (!ProjectName.isValid(text)) {
            pages.message(ctx, 404, visitor(ctx), "No such project", "'" + text + "' is not a project name.");
            return;
        }
        ProjectName name = ProjectName.of(text);
        if (!name.value().equals(text)) {
            ctx.redirect("/project/" + name.value() + "/" + (version == null ? "" : version + "/"), io.javalin.http.HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        ProjectPage page = read(name, ctx);
        if (page == null) {
            pages.message(ctx, 404, visitor(ctx), "No such project", "No project is named '" + text + "' on this index.");
            return;
        }
        Map<String, Object> view = projects.view(name, page, version, context(ctx), Pages.base(ctx) + DEFAULT_ROUTE, listSerial(ctx));
        if (view == null) {
            pages.message(ctx, 404, visitor(ctx), "No such version", "'" + text + "' has no file of version '" + version + "' here.");
            return;
        }
        pages.send(ctx, 200, visitor(ctx), version == null ? (String) view.get("name") : view.get("name") + " " + version,
                "ui/project.jte", view);
    }

    /** The serial of the default route's list: what the pages built from all projects are current for. */
    private long listSerial(Context ctx) {
        Repository route = routeAt.apply(DEFAULT_ROUTE);
        try {
            return route == null ? 0 : route.projects(context(ctx)).lastSerial();
        } catch (RuntimeException unavailable) {
            return -1;
        }
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

    /**
     * The request as the default route reads it: the person's rights (their session, or pip's Basic credentials), address
     * and time.
     */
    private RequestContext context(Context ctx) {
        Identity caller = callers.person(ctx).identity();
        return new RequestContext(caller, routeName.apply(DEFAULT_ROUTE), ctx.ip(), clock.instant());
    }

    private Pages.Visitor visitor(Context ctx) {
        return callers.person(ctx).visitor();
    }

    private static byte[] stylesheet() {
        try (InputStream in = Ui.class.getResourceAsStream("/ui/sluice.css")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
