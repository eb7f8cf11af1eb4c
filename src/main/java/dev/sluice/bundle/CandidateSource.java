package dev.sluice.bundle;

import dev.sluice.index.DistributionFile;
import dev.sluice.pep.CoreMetadata;
import dev.sluice.pep.ProjectName;
import java.io.IOException;
import java.util.List;

/** What the resolver reads from an index: a project's files, and a file's core metadata (never by running code). */
public interface CandidateSource {
    /**
     * @throws dev.sluice.index.ProjectNotFound when the index has no such project
     */
    List<DistributionFile> files(ProjectName project) throws IOException;

    /**
     * @throws ResolutionImpossible when the index serves no metadata for the file (an sdist whose dependencies are
     *     only known by building it)
     */
    CoreMetadata metadata(ProjectName project, DistributionFile file) throws IOException;
}
