package dev.sluice.access;

import java.util.List;

/**
 * Turns an {@code Authorization} header into an {@link Authentication}: HTTP Basic as pip, twine, poetry and
 * pdm send it (an API token comes as user {@code __token__}), or Bearer for the admin API.
 */
public interface Authenticator {
    Authentication authenticate(String authorizationHeader);

    /**
     * The first that accepts the credentials; when none does, the last failure. Put the most specific last: the
     * account store knows why a password or token failed (wrong, revoked, expired, disabled), while the admin
     * token can only say "not me", which is not a reason worth logging.
     */
    static Authenticator firstOf(List<Authenticator> authenticators) {
        return header -> {
            Authentication result = Authentication.NONE;
            for (Authenticator a : authenticators) {
                Authentication r = a.authenticate(header);
                if (r instanceof Authentication.Success) {
                    return r;
                }
                if (r instanceof Authentication.Failure) {
                    result = r;
                }
            }
            return result;
        };
    }
}
