package dev.sluice.index.gates;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.index.Repository;
import dev.sluice.index.RepositoryException;
import dev.sluice.index.RequestContext;
import dev.sluice.pep.ProjectName;
import java.time.Instant;

/**
 * The index as it was at a moment, by upload time, for installs that resolve the same way later (as
 * pypi-timemachine does for PyPI): files uploaded after the moment are not there, nor are projects that had
 * no file yet. Files without an upload time cannot be placed in time and are left out.
 *
 * <p>It shows what exists now as it stood then: files deleted since, or yanks made since, are not undone.
 */
public final class Snapshot extends FileFilterGate {
    public static final String NAME = "snapshot";

    private final Instant at;

    public Snapshot(Repository next, Instant at) {
        super(next);
        this.at = at;
    }

    /** Only the projects that had a file at the moment, with their serials of then, where the source can say. */
    @Override
    public ProjectList projects(RequestContext context) {
        return next.projects(context.asOf(at));
    }

    @Override
    String gateName() {
        return NAME;
    }

    @Override
    Provenance.Hidden holdBack(ProjectName project, DistributionFile f) {
        if (f.uploadTime() == null) {
            return new Provenance.Hidden(f.filename(), NAME, "no upload time: it cannot be placed in time", null);
        }
        return f.uploadTime().isAfter(at)
                ? new Provenance.Hidden(f.filename(), NAME, "uploaded " + f.uploadTime() + ", after " + at, null)
                : null;
    }

    @Override
    RepositoryException refusal(ProjectName project, Provenance.Hidden h) {
        return new FileNotFound(project.value(), h.filename() + " (at " + at + ")");
    }

    @Override
    ProjectPage nothingVisible(ProjectPage filtered) {
        throw new ProjectNotFound(filtered.name().value() + " (at " + at + ")");
    }
}
