package dev.sluice.access;

import dev.sluice.index.Caller;
import dev.sluice.pep.ProjectName;
import java.util.List;

/**
 * Who made a request and what their credential allows. An account signing in with its password has the
 * account's rights; a token has its scopes (within its account's rights).
 *
 * @param name the account, {@code admin} for the bootstrap admin token, {@code anonymous} for nobody
 * @param admin whether this credential may administer (an admin account with an admin scope)
 * @param tokenId the API token used, for the usage log; null for a password or the admin token
 */
public record Identity(String name, boolean admin, List<Scope> scopes, String tokenId) implements Caller {
    public static final Identity ANONYMOUS = new Identity("anonymous", false, List.of());

    public Identity {
        scopes = List.copyOf(scopes);
    }

    public Identity(String name, boolean admin, List<Scope> scopes) {
        this(name, admin, scopes, null);
    }

    /** An admin account (or the admin token): every right. */
    public static Identity administrator(String name) {
        return new Identity(name, true, List.of(Scope.ADMIN));
    }

    public boolean isAnonymous() {
        return this == ANONYMOUS;
    }

    public boolean mayRead(String routeName) {
        return scopes.stream().anyMatch(s -> s.allowsRead(routeName));
    }

    /** Whether the credential's scopes allow uploading to the project (ownership is checked apart). */
    public boolean mayUpload(ProjectName project) {
        return scopes.stream().anyMatch(s -> s.allowsUpload(project));
    }
}
