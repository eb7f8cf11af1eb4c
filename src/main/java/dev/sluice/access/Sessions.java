package dev.sluice.access;

import dev.sluice.util.Micros;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Browser sessions of the web pages. Signing in checks the password exactly as pip's Basic credentials are checked
 * (the same throttle, the same security events); the session then lives {@link #LIFETIME} at most, ends when its
 * owner signs out or revokes it from their account page, and stops working the moment its account is disabled. The
 * cookie's secret is stored as its SHA-256 only; the CSRF token of its forms is derived from the secret, so it is
 * never stored and changes with every session.
 */
public final class Sessions {
    /** How long a session lasts after signing in: a working day, then the password is asked again. */
    public static final Duration LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, account, client, user_agent, created_micros, expires_micros, revoked_micros";

    /** A session as its owner's account page lists it. */
    public record Session(String id, String account, String client, String userAgent, Instant created, Instant expires,
            Instant revoked) {
        public boolean activeAt(Instant now) {
            return revoked == null && expires.isAfter(now);
        }
    }

    /** A session just made: the cookie's secret (never shown again) and the session. */
    public record Started(String secret, Session session) {}

    /** A live session's account as it is now, and the CSRF token its forms carry. */
    public record Signed(Session session, Identity identity, String csrf) {}

    private final Jdbi jdbi;
    private final AccountStore accounts;
    private final RouteAccess access;
    private final Clock clock;

    public Sessions(Jdbi jdbi, AccountStore accounts, RouteAccess access, Clock clock) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.access = access;
        this.clock = clock;
    }

    /**
     * Checks a password as the API checks it (tokens cannot sign in: a page session is a person's) and starts a session.
     *
     * @throws AccessRefused 401 for wrong credentials, 429 while throttled (both recorded)
     */
    public Started signIn(String user, String password, String client, String userAgent, String path) {
        if (user == null || password == null || user.isBlank() || BasicCredentials.TOKEN_USER.equals(user.strip())) {
            throw new AccessRefused(401, "Give your user name and password", null, 0);
        }
        Identity identity = access.identify(BasicCredentials.header(user.strip(), password), client, path, null);
        String secret = ApiTokens.newSecret();
        Instant now = clock.instant();
        Session session = new Session(ApiTokens.newId(), identity.name(), client,
                userAgent == null ? null : userAgent.substring(0, Math.min(255, userAgent.length())), now, now.plus(LIFETIME), null);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO account_session (id, secret_sha256, account, client, user_agent,"
                        + " created_micros, expires_micros) VALUES (:id, :sha, :account, :client, :agent, :created, :expires)")
                .bind("id", session.id()).bind("sha", ApiTokens.sha256(secret)).bind("account", session.account())
                .bind("client", client).bind("agent", session.userAgent()).bind("created", Micros.of(now))
                .bind("expires", Micros.of(session.expires())).execute());
        access.log().allowed(identity.name(), client, "sign in", "session " + session.id());
        return new Started(secret, session);
    }

    /** The live session a cookie's secret names, with its account as it is now; empty when ended, expired or disabled. */
    public Optional<Signed> find(String secret) {
        if (secret == null || !secret.startsWith(ApiTokens.PREFIX) || secret.length() != ApiTokens.PREFIX.length() + 64) {
            return Optional.empty();
        }
        Optional<Session> found = jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM account_session"
                + " WHERE secret_sha256 = :sha").bind("sha", ApiTokens.sha256(secret)).map(Sessions::session).findOne());
        if (found.isEmpty() || !found.get().activeAt(clock.instant())) {
            return Optional.empty();
        }
        return accounts.account(found.get().account()).filter(a -> !a.disabled())
                .map(a -> new Signed(found.get(), AccountAuthenticator.identityOf(a), csrfOf(secret)));
    }

    /** The account's sessions, newest first, ended ones included (they show when and from where). */
    public List<Session> of(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM account_session WHERE account = :a"
                + " ORDER BY created_micros DESC LIMIT 50").bind("a", account).map(Sessions::session).list());
    }

    /** Ends one of the caller's sessions (an admin: anyone's). @return whether it was live */
    public boolean revoke(Identity caller, String client, String id) {
        String owner = jdbi.withHandle(h -> h.createQuery("SELECT account FROM account_session WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne()).orElse(null);
        if (owner == null || !caller.admin() && !owner.equals(caller.name())) {
            throw access.log().forbidden(caller.name(), client, "session revoke", id, "no session of yours has the id '" + id + "'");
        }
        boolean changed = jdbi.withHandle(h -> h.createUpdate("UPDATE account_session SET revoked_micros = :at"
                + " WHERE id = :id AND revoked_micros IS NULL").bind("at", Micros.of(clock.instant())).bind("id", id).execute()) == 1;
        access.log().allowed(caller.name(), client, "session revoke", owner + " " + id);
        return changed;
    }

    /** The token a session's forms must send back: bound to its secret, useless without the cookie. */
    private static String csrfOf(String secret) {
        return ApiTokens.sha256("csrf\u0000" + secret).substring(0, 32);
    }

    /** Whether a token sent back equals the one expected, in constant time (null never matches). */
    static boolean sameToken(String sent, String expected) {
        return sent != null && expected != null && java.security.MessageDigest.isEqual(
                sent.getBytes(java.nio.charset.StandardCharsets.UTF_8), expected.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A one-off token for the sign-in form, which has no session yet (sent as a cookie and as a form field). */
    public static String newFormToken() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    private static Session session(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        long revoked = rs.getLong(7);
        Instant revokedAt = rs.wasNull() ? null : Micros.toInstant(revoked);
        return new Session(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Micros.toInstant(rs.getLong(5)),
                Micros.toInstant(rs.getLong(6)), revokedAt);
    }
}
