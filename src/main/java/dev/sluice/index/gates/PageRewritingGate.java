package dev.sluice.index.gates;

import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.Resource;
import dev.sluice.pep.ProjectName;

/**
 * A gate that changes what pages say about files (yanked, metadata offered) and passes everything else
 * through unchanged, errors included.
 */
abstract class PageRewritingGate implements Repository {
    final Repository next;

    PageRewritingGate(Repository next) {
        this.next = next;
    }

    /** The page as this gate shows it; the gate's name is added to its provenance here. */
    abstract ProjectPage rewrite(ProjectName name, ProjectPage page);

    @Override
    public final ProjectList projects(RequestContext context) {
        return next.projects(context);
    }

    @Override
    public final ProjectPage project(ProjectName name, RequestContext context) {
        return rewrite(name, next.project(name, context));
    }

    @Override
    public final Resource file(ProjectName name, String filename, RequestContext context) {
        return next.file(name, filename, context);
    }

    @Override
    public Resource metadata(ProjectName name, String filename, RequestContext context) {
        return next.metadata(name, filename, context);
    }
}
