package dev.sluice.index;

import dev.sluice.pep.ProjectName;
import java.util.List;

/**
 * A project as one index shows it: its files (ordered by version, then filename), the serial of its last
 * change, where the answer came from, and its PEP 792 status ({@code active} unless a gate says otherwise, such as
 * {@code quarantined} with a reason when every file is).
 */
public record ProjectPage(ProjectName name, String displayName, long lastSerial, List<DistributionFile> files,
        Provenance provenance, String status, String statusReason) {
    public static final String ACTIVE = "active";
    public static final String QUARANTINED = "quarantined";

    public ProjectPage(ProjectName name, String displayName, long lastSerial, List<DistributionFile> files, Provenance provenance) {
        this(name, displayName, lastSerial, files, provenance, ACTIVE, null);
    }

    /** This page with other files, as a gate passes it on with what it did recorded in the provenance. */
    public ProjectPage withFiles(List<DistributionFile> newFiles, Provenance newProvenance) {
        return new ProjectPage(name, displayName, lastSerial, newFiles, newProvenance, status, statusReason);
    }

    /** This page with another PEP 792 status and its reason. */
    public ProjectPage withStatus(String newStatus, String reason) {
        return new ProjectPage(name, displayName, lastSerial, files, provenance, newStatus, reason);
    }
}
