package dev.sluice.app;

import dev.sluice.access.Identity;
import dev.sluice.access.SecurityLog;
import dev.sluice.access.UploadRights;
import dev.sluice.hosted.PublicNames;
import dev.sluice.hosted.Publisher;
import dev.sluice.hosted.UploadEndpoint;
import dev.sluice.hosted.UploadRejected;

/**
 * Whether an identity may upload to a project, as two features decide it together: the hosted source's public names
 * (a new project may not take a name the outside serves) first, then the account's upload rights, which make a new
 * project the uploader's, so they must come last. Every refusal is a security event.
 */
public final class UploadPermission implements UploadEndpoint.Permissions {
    private final PublicNames publicNames;
    private final UploadRights rights;
    private final SecurityLog log;

    UploadPermission(PublicNames publicNames, UploadRights rights, SecurityLog log) {
        this.publicNames = publicNames;
        this.rights = rights;
        this.log = log;
    }

    /** The permission the publisher asks about the project of one upload. */
    @Override
    public Publisher.UploadPermission of(Identity identity, String client) {
        return project -> {
            try {
                publicNames.checkNewProject(project);
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
