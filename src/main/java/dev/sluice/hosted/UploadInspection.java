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
    UploadInspection NONE = (file, filename, project) -> null;

    String refusal(Path file, DistributionFilename filename, ProjectName project);
}
