package dev.sluice.index.gates;

import dev.sluice.index.ProjectList;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.Resource;
import dev.sluice.pep.ProjectName;

/**
 * A gate that decides pages its own way and guards bytes by one check: a file and its metadata are served only when
 * {@link #check} lets them through (it throws the refusal otherwise), and the answer records that the gate passed it.
 * The project list goes through untouched. Features' gates (quarantine, vulnerability policy, moderation) extend it.
 */
public abstract class FileCheckingGate implements Repository {
    protected final Repository next;
    private final String gateName;

    protected FileCheckingGate(Repository next, String gateName) {
        this.next = next;
        this.gateName = gateName;
    }

    /** Throws the refusal when the file (or its metadata) must not be served; returns when it may. */
    protected abstract void check(ProjectName name, String filename, RequestContext context);

    @Override
    public ProjectList projects(RequestContext context) {
        return next.projects(context);
    }

    @Override
    public final Resource file(ProjectName name, String filename, RequestContext context) {
        check(name, filename, context);
        return next.file(name, filename, context).passedGate(gateName);
    }

    @Override
    public final Resource metadata(ProjectName name, String filename, RequestContext context) {
        check(name, filename, context);
        return next.metadata(name, filename, context).passedGate(gateName);
    }
}
