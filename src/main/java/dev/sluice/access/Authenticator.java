package dev.sluice.access;

import java.util.List;

/**
 * Turns an {@code Authorization} header into an {@link Authentication}: HTTP Basic as pip, twine, poetry and
 * pdm send it (an API token comes as user {@code __token__}), or Bearer for the admin API.
 */
public interface Authenticator {
    Authentication authenticate(String authorizationHeader);

    /** The first that recognises the credentials; when none does, the first failure. */
    static Authenticator firstOf(List<Authenticator> authenticators) {
        return header -> {
            Authentication result = Authentication.NONE;
            for (Authenticator a : authenticators) {
                Authentication r = a.authenticate(header);
                if (r instanceof Authentication.Success) {
                    return r;
                }
                if (r instanceof Authentication.Failure && result instanceof Authentication.None) {
                    result = r;
                }
            }
            return result;
        };
    }
}
