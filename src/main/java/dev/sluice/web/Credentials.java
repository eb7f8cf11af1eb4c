package dev.sluice.web;

import dev.sluice.access.Authenticator;
import dev.sluice.access.Identity;
import io.javalin.http.Context;
import java.util.Optional;

/** The authentication step of write endpoints: a 401 with a challenge when the credentials are missing or wrong. */
final class Credentials {
    private Credentials() {}

    /** The caller's identity, or empty after a 401 has been written. */
    static Optional<Identity> require(Context ctx, Authenticator authenticator, String challenge) {
        String header = ctx.header("Authorization");
        Optional<Identity> identity = authenticator.authenticate(header);
        if (identity.isEmpty()) {
            ctx.status(401).header("WWW-Authenticate", challenge + " realm=\"sluice\"")
                    .contentType("text/plain; charset=utf-8")
                    .result(header == null ? "Authentication required: send the admin token (as the password of user __token__)\n"
                            : "Invalid credentials: the token is not valid\n");
        }
        return identity;
    }
}
