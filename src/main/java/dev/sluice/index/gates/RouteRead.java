package dev.sluice.index.gates;

import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.Resource;
import dev.sluice.pep.ProjectName;

/**
 * The read rule of one route, as the first gate of the route's graph: every call, for the project list, a page, a
 * file or its metadata, asks the rule whether the caller the request context names may read the route, so pages and
 * files are guarded alike. The rule is the server's (accounts, tokens, scopes) and answers by throwing its refusal,
 * which passes every gate below unchanged. It adds nothing to provenance: it shapes no answer, it only allows it.
 */
public final class RouteRead implements Repository {
    /** Whether a caller may read a route; a refusal is thrown (and recorded by whoever implements it). */
    @FunctionalInterface
    public interface Rule {
        void check(RequestContext context, String route, String path, boolean anonymousRead);
    }

    private final Repository next;
    private final String route;
    private final String path;
    private final boolean anonymousRead;
    private final Rule rule;

    /** @param route the route's name; {@code path} the path it is served at */
    public RouteRead(Repository next, String route, String path, boolean anonymousRead, Rule rule) {
        this.next = next;
        this.route = route;
        this.path = path;
        this.anonymousRead = anonymousRead;
        this.rule = rule;
    }

    @Override
    public ProjectList projects(RequestContext context) {
        rule.check(context, route, path, anonymousRead);
        return next.projects(context);
    }

    @Override
    public ProjectPage project(ProjectName name, RequestContext context) {
        rule.check(context, route, path, anonymousRead);
        return next.project(name, context);
    }

    @Override
    public Resource file(ProjectName name, String filename, RequestContext context) {
        rule.check(context, route, path, anonymousRead);
        return next.file(name, filename, context);
    }

    @Override
    public Resource metadata(ProjectName name, String filename, RequestContext context) {
        rule.check(context, route, path, anonymousRead);
        return next.metadata(name, filename, context);
    }
}
