package dev.sluice.index.gates;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.index.Repository;
import dev.sluice.index.RepositoryException;
import dev.sluice.index.RequestContext;
import dev.sluice.index.Resource;
import dev.sluice.pep.ProjectName;
import java.util.ArrayList;
import java.util.List;

/**
 * What gates that hold back some files share (Cooldown, Snapshot, AllowDeny): the page lists the rest and
 * says which were held back and why, and a held-back file cannot be fetched by its URL either.
 */
abstract class FileFilterGate implements Repository {
    final Repository next;

    FileFilterGate(Repository next) {
        this.next = next;
    }

    /** The gate's name, as provenance and pages show it. */
    abstract String gateName();

    /** Why this file is held back, or null when it passes. */
    abstract Provenance.Hidden holdBack(ProjectName project, DistributionFile file);

    /** What a request for a held-back file gets. */
    abstract RepositoryException refusal(ProjectName project, Provenance.Hidden hidden);

    /** A project whose every file is held back, as this gate answers it (the page, or not found). */
    ProjectPage nothingVisible(ProjectPage filtered) {
        return filtered;
    }

    @Override
    public ProjectList projects(RequestContext context) {
        return next.projects(context);
    }

    @Override
    public ProjectPage project(ProjectName name, RequestContext context) {
        ProjectPage page = next.project(name, context);
        List<DistributionFile> visible = new ArrayList<>();
        List<Provenance.Hidden> hidden = new ArrayList<>();
        for (DistributionFile f : page.files()) {
            Provenance.Hidden h = holdBack(name, f);
            if (h == null) {
                visible.add(f);
            } else {
                hidden.add(h);
            }
        }
        ProjectPage filtered = page.withFiles(visible,
                page.provenance().withGate(gateName()).withHidden(hidden));
        return visible.isEmpty() && !page.files().isEmpty() ? nothingVisible(filtered) : filtered;
    }

    @Override
    public Resource file(ProjectName name, String filename, RequestContext context) {
        check(name, filename, context);
        return next.file(name, filename, context).passedGate(gateName());
    }

    @Override
    public Resource metadata(ProjectName name, String filename, RequestContext context) {
        check(name, filename, context);
        return next.metadata(name, filename, context).passedGate(gateName());
    }

    private void check(ProjectName name, String filename, RequestContext context) {
        for (Provenance.Hidden h : project(name, context).provenance().hidden()) {
            if (h.filename().equals(filename) && h.gate().equals(gateName())) {
                throw refusal(name, h);
            }
        }
    }
}
