package dev.sluice.index.gates;

import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Repository;
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
    public final ProjectList projects() {
        return next.projects();
    }

    @Override
    public final ProjectPage project(ProjectName name) {
        return rewrite(name, next.project(name));
    }

    @Override
    public final Resource file(ProjectName name, String filename) {
        return next.file(name, filename);
    }

    @Override
    public Resource metadata(ProjectName name, String filename) {
        return next.metadata(name, filename);
    }
}
