package dev.sluice.index;

import dev.sluice.pep.ProjectName;
import java.util.List;

/**
 * A project as one index shows it: its files (ordered by version, then filename), the serial of its last
 * change, and where the answer came from.
 */
public record ProjectPage(ProjectName name, String displayName, long lastSerial, List<DistributionFile> files,
        Provenance provenance) {}
