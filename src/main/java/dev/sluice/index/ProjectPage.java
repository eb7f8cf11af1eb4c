package dev.sluice.index;

import dev.sluice.pep.ProjectName;
import java.util.List;

/**
 * A project as one index shows it: its files (ordered by version, then filename), the serial of its last
 * change, and where the answer came from.
 */
public record ProjectPage(ProjectName name, String displayName, long lastSerial, List<DistributionFile> files,
        Provenance provenance) {

    /** This page with other files, as a gate passes it on with what it did recorded in the provenance. */
    public ProjectPage withFiles(List<DistributionFile> newFiles, Provenance newProvenance) {
        return new ProjectPage(name, displayName, lastSerial, newFiles, newProvenance);
    }
}
