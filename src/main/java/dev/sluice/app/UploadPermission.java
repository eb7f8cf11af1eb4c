package dev.sluice.app;

import dev.sluice.access.Identity;
import dev.sluice.access.SecurityLog;
import dev.sluice.access.UploadRights;
import dev.sluice.hosted.UploadEndpoint;
import dev.sluice.hosted.UploadPermit;
import dev.sluice.hosted.UploadRejected;
import dev.sluice.pep.ProjectName;

/**
 * Whether an identity may upload to a project, as two features decide it together: the hosted source's public names
 * (a new project may not take a name the outside serves) first, then the account's upload rights, which make a new
 * project the uploader's, so they must come last. Every refusal is a security event.
 */
public final class UploadPermission implements UploadEndpoint.Permissions {
    private final NewProjects newProjects;

    /** Whether a project may be created (hosting's public names): throws its refusal. */
    @FunctionalInterface
    interface NewProjects {
        void check(ProjectName project);
    }
    private final UploadRights rights;
    private final SecurityLog log;

    UploadPermission(NewProjects newProjects, UploadRights rights, SecurityLog log) {
        this.newProjects = newProjects;
        this.rights = rights;
        this.log = log;
    }

    /** The permission the publisher asks about the project of one upload. */
    @Override
    public UploadPermit of(Identity identity, String client) {
        return project -> {
            try {
                newProjects.check(project);
            } catch (UploadRejected refused) {
                log.refused(identity.name(), client, "upload", project.value(), refused.getMessage());
                throw refused;
            }
            String refusal = rights.refusal(identity, project);
            if (refusal != null) {
                log.refused(identity.name(), client, "upload", project.value(), refusal);
            }
            return refusal;
        };
    }
}
