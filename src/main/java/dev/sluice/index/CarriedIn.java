package dev.sluice.index;

import dev.sluice.pep.ProjectName;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A source that takes files carried in from another Sluice (a bundle), their bytes already in the blob store: a
 * {@code bundle} source, or a proxy source's cache, which then answers as if it had proxied them.
 */
public interface CarriedIn {
    /** The files of one project carried in, each with the index facts the other Sluice served. */
    record Project(String displayName, List<DistributionFile> files) {}

    /** The sha256 this source holds under a filename, or null: a filename means the same bytes forever. */
    String heldSha256(ProjectName project, String filename);

    /**
     * Adds the files it does not hold and takes the yank of those it holds, all or nothing where the source can.
     *
     * @param bundle names the bundle (its manifest's sha256)
     * @param at when the files were carried in
     */
    void carryIn(String bundle, Map<ProjectName, Project> projects, Instant at);
}
