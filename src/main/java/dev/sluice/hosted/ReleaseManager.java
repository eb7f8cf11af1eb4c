package dev.sluice.hosted;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;

/**
 * Yank, unyank and delete on the hosted source. A yank (PEP 592) keeps files installable by exact pin but
 * out of resolution; a delete removes them for good, and their filenames stay burned so that they can never
 * come back with other bytes.
 */
final class ReleaseManager {
    private final HostedSource source;
    private final HostedCatalog catalog;

    ReleaseManager(HostedSource source, HostedCatalog catalog) {
        this.source = source;
        this.catalog = catalog;
    }

    /** Yanks a release, or one file of it; returns how many files changed. */
    public int yank(ProjectName project, String version, String filename, String reason) {
        return change(project, version, filename, (v, f) -> catalog.setYanked(project.value(), v, f, true, reason));
    }

    public int unyank(ProjectName project, String version, String filename) {
        return change(project, version, filename, (v, f) -> catalog.setYanked(project.value(), v, f, false, null));
    }

    public int delete(ProjectName project, String version, String filename) {
        return change(project, version, filename, (v, f) -> catalog.delete(project.value(), v, f));
    }

    /** The version a file belongs to, for operations addressed by filename. */
    public String versionOf(ProjectName project, String filename) {
        return catalog.files(project.value()).stream().filter(f -> f.filename().equals(filename))
                .map(DistributionFile::version).findFirst()
                .orElseThrow(() -> new FileNotFound(project.value(), filename));
    }

    private interface Change {
        int apply(String version, String filename);
    }

    /** The release's version as stored: {@code 1.0.0} finds release {@code 1.0}, as PEP 440 compares them. */
    private String storedVersion(ProjectName project, String version) {
        return version == null || !Version.isValid(version) ? version : catalog.releaseVersion(project.value(), Version.parse(version));
    }

    private int change(ProjectName project, String version, String filename, Change change) {
        if (catalog.project(project.value()).isEmpty()) {
            throw new ProjectNotFound(project.value());
        }
        int changed = change.apply(storedVersion(project, version), filename);
        source.changed(project.value());
        if (changed == 0) {
            throw new FileNotFound(project.value(), filename != null ? filename : "any file of version " + version);
        }
        return changed;
    }
}
