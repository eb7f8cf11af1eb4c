package dev.sluice.access;

import java.util.Optional;

/**
 * Turns an {@code Authorization} header into an identity: HTTP Basic as pip, twine, poetry and pdm send it
 * (an API token comes as user {@code __token__}), or Bearer for the admin API. Empty means "not
 * authenticated": no header, or credentials that do not match.
 */
public interface Authenticator {
    Optional<Identity> authenticate(String authorizationHeader);
}
