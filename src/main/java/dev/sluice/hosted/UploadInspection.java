package dev.sluice.hosted;

import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import java.nio.file.Path;

/**
 * What looks inside an upload before it is acknowledged: the reason to refuse it (it stores nothing then), or null.
 * The composition root provides it from the inspection feature.
 */
@FunctionalInterface
public interface UploadInspection {
    UploadInspection NONE = (file, sha256, filename, project) -> null;

    /** @param sha256 the file's, verified against what the client sent */
    String refusal(Path file, String sha256, DistributionFilename filename, ProjectName project);
}
