package dev.sluice.bundle;

import dev.sluice.index.DistributionFile;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;

/** One file the resolver may pick for a project: the best file of one version for the target. */
public record Candidate(ProjectName project, Version version, DistributionFile file) {
    @Override
    public String toString() {
        return project + " " + version;
    }
}
