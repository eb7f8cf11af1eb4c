package dev.sluice.access;

import dev.sluice.pep.ProjectName;
import java.time.Clock;
import java.util.function.Predicate;

/**
 * Who may upload to a hosted project: the credential's scopes must allow it, and the project must be the
 * uploader's. A new project becomes the first uploader's; an admin can give it to a team instead. A project
 * hosted before accounts existed has no owner: only admins upload to it until one is named. Names are
 * compared in normal form, so no spelling of a name gets around its owner.
 */
public final class UploadRights {
    private final AccountStore store;
    private final Predicate<ProjectName> hosted;
    private final Clock clock;

    /** @param hosted whether the hosted source already holds a project */
    public UploadRights(AccountStore store, Predicate<ProjectName> hosted, Clock clock) {
        this.store = store;
        this.hosted = hosted;
        this.clock = clock;
    }

    /** Why the identity may not upload to the project, or null when it may (claiming a new project). */
    public String refusal(Identity identity, ProjectName project) {
        if (!identity.mayUpload(project)) {
            return "this credential's scopes do not allow uploading to '" + project + "'";
        }
        AccountStore.Owner owner = store.owner(project.value()).orElse(null);
        if (owner == null) {
            if (identity.admin()) {
                return null;
            }
            if (hosted.test(project)) {
                return "'" + project + "' has no owner yet: an admin must name one";
            }
            return store.claim(project.value(), identity.name(), clock.instant()) ? null
                    : "'" + project + "' was just claimed by another account";
        }
        if (identity.admin() || identity.name().equals(owner.account())
                || owner.team() != null && store.teamsOf(identity.name()).contains(owner.team())) {
            return null;
        }
        return "'" + project + "' belongs to " + (owner.team() != null ? "the team '" + owner.team() + "'" : "another account");
    }
}
