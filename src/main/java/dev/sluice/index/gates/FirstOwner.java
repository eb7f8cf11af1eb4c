package dev.sluice.index.gates;

import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.Resource;
import java.util.List;

/**
 * Priority: the first source that has a project owns it entirely. Its page is served as it is (no versions of
 * lower sources are merged in) and its files are fetched from it alone, so a name published internally can
 * never be shadowed or extended from an upstream. A source that cannot answer ({@code SourceUnavailable})
 * ends the request: it is never taken to mean "not here", so a lower source is not asked instead.
 *
 * <p>It does not protect a name before the first internal upload of it: that is {@link Reserve}'s work.
 */
public final class FirstOwner implements Repository {
    public static final String NAME = "first-owner";
    private final List<Repository> sources;

    public FirstOwner(List<Repository> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("FirstOwner needs at least one source");
        }
        this.sources = List.copyOf(sources);
    }

    @Override
    public ProjectList projects(RequestContext context) {
        List<ProjectList> lists = sources.stream().map(source -> source.projects(context)).toList();
        long serial = lists.stream().mapToLong(ProjectList::lastSerial).max().orElse(0);
        return ProjectList.merge(serial, lists, (owner, later) -> owner);
    }

    @Override
    public ProjectPage project(dev.sluice.pep.ProjectName name, RequestContext context) {
        ProjectPage page = owner(name, context).page();
        return page.withFiles(page.files(), page.provenance().withGate(NAME));
    }

    @Override
    public Resource file(dev.sluice.pep.ProjectName name, String filename, RequestContext context) {
        return owner(name, context).source().file(name, filename, context).passedGate(NAME);
    }

    @Override
    public Resource metadata(dev.sluice.pep.ProjectName name, String filename, RequestContext context) {
        return owner(name, context).source().metadata(name, filename, context).passedGate(NAME);
    }

    private record Owner(Repository source, ProjectPage page) {}

    /** The first source with the project; any other failure (unavailable, refused) ends the search. */
    private Owner owner(dev.sluice.pep.ProjectName name, RequestContext context) {
        for (Repository source : sources) {
            try {
                return new Owner(source, source.project(name, context));
            } catch (ProjectNotFound notHere) {
                // the next source may have it
            }
        }
        throw new ProjectNotFound(name.value());
    }
}
