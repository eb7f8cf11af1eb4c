package dev.sluice.hosted;

import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.ProjectName;
import java.time.Clock;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Keeps an upload from taking a name the outside serves. Under first-owner the first hosted file of a name makes
 * every route serve the hosted project alone, so a new hosted project whose name another source of the graph serves
 * (a proxied upstream, also from its cache, or a directory) is refused, for admins too, unless an admin claimed the
 * name for the organisation first or a Reserve entry names it. When a source cannot tell, the upload is refused as
 * well (fail closed). An admin can release a hosted name: its files are deleted (their filenames stay burned) and
 * the outside serves the name again.
 *
 * <p>It does not protect a name no outside source has yet: reserve those (and prefixes) before they appear.
 */
final class PublicNames {
    private final HostedSource hosted;
    private final HostedCatalog catalog;
    private final Supplier<Map<String, Repository>> outsideSources;
    private final Predicate<ProjectName> reserved;
    private final Clock clock;

    /**
     * @param outsideSources the graph's sources other than the hosted one, by name, as served now
     * @param reserved whether a Reserve entry of the graph names the project
     */
    PublicNames(HostedSource hosted, HostedCatalog catalog, Supplier<Map<String, Repository>> outsideSources,
            Predicate<ProjectName> reserved, Clock clock) {
        this.hosted = hosted;
        this.catalog = catalog;
        this.outsideSources = outsideSources;
        this.reserved = reserved;
        this.clock = clock;
    }

    /**
     * Passes when the project is hosted already, claimed, reserved, or served by no other source.
     *
     * @throws UploadRejected 403 naming the source that serves the name; 503 when a source cannot tell
     */
    public void checkNewProject(ProjectName project) {
        if (hosted.holds(project) || reserved.test(project) || catalog.isClaimed(project.value())) {
            return;
        }
        String claim = " An admin can claim the name for the organisation first: POST /admin/projects/" + project + "/claim.";
        for (Map.Entry<String, Repository> source : outsideSources.get().entrySet()) {
            try {
                source.getValue().project(project, RequestContext.internal(clock.instant()));
            } catch (ProjectNotFound notThere) {
                continue;
            } catch (SourceUnavailable unknown) {
                throw new UploadRejected(503, "Service Unavailable: cannot tell whether the source '" + source.getKey()
                        + "' serves '" + project + "' (" + unknown.getMessage() + "), so a new project of that name is refused."
                        + claim);
            }
            throw new UploadRejected(403, "Forbidden: '" + project + "' is served by the source '" + source.getKey()
                    + "'; a first upload would hide that project from every route." + claim);
        }
    }

    /** Claims a name for the organisation. @return false when it was claimed already */
    public boolean claim(ProjectName project, String admin) {
        return catalog.claim(project.value(), admin, clock.instant());
    }

    /**
     * Releases a hosted name: every file is deleted (filenames stay burned), the project and its claim are forgotten.
     *
     * @return how many files were deleted
     * @throws ProjectNotFound when the name is neither hosted nor claimed
     */
    public int release(ProjectName project) {
        int deleted = catalog.releaseName(project.value());
        hosted.changed(project.value());
        if (deleted < 0) {
            throw new ProjectNotFound(project.value());
        }
        return deleted;
    }
}
