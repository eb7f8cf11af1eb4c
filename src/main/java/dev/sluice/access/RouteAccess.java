package dev.sluice.access;

import dev.sluice.index.RequestContext;
import dev.sluice.util.LruMap;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Who is calling, and whether they may: reads the credentials, refuses guessing (429 once a user name or a client
 * address has failed too often, before any check), answers 401 with a challenge for missing or wrong credentials,
 * 403 for a credential that may not read a route or administer, and records every refusal in the security log.
 * Clients are told as little as helps them: never whether an account exists. It knows no HTTP beyond the
 * {@code Authorization} header's text.
 */
public final class RouteAccess {
    private final Authenticator authenticator;
    private final LoginThrottle perUser;
    private final LoginThrottle perClient;
    private final SecurityLog log;
    private final Clock clock;
    /** When each throttled user or client was last recorded, and how many refusals came since: one event a minute. */
    private final Map<String, ThrottledSince> throttled = new LruMap<>(10_000);

    private record ThrottledSince(Instant recorded, int unrecorded) {}

    public RouteAccess(Authenticator authenticator, LoginThrottle perUser, LoginThrottle perClient, SecurityLog log, Clock clock) {
        this.authenticator = authenticator;
        this.perUser = perUser;
        this.perClient = perClient;
        this.log = log;
        this.clock = clock;
    }

    /**
     * The caller of a request, {@link Identity#ANONYMOUS} when it sent no credentials.
     *
     * @param header the {@code Authorization} header, or null
     * @param challenge the scheme a 401 offers (Basic, Bearer)
     * @throws AccessRefused 401 for wrong credentials, 429 while the user or client is throttled
     */
    public Identity identify(String header, String client, String path, String challenge) {
        if (header == null) {
            return Identity.ANONYMOUS;
        }
        BasicCredentials presented = BasicCredentials.parse(header);
        String user = presented.loggableUser();
        long wait = Math.max(perClient.retryAfterSeconds(client), user == null ? 0 : perUser.retryAfterSeconds(user));
        if (wait > 0) {
            recordThrottled(user, client, path);
            throw new AccessRefused(429, "Too Many Requests: too many failed attempts; try again in " + wait + " s", null, wait);
        }
        return switch (authenticator.authenticate(header)) {
            case Authentication.Success s -> {
                if (user != null) {
                    perUser.succeeded(user);
                }
                yield s.identity();
            }
            case Authentication.Failure f -> {
                perClient.failed(client);
                if (f.claimedUser() != null) {
                    perUser.failed(f.claimedUser());
                }
                log.refused(f.claimedUser(), client, "login", path, f.reason());
                throw new AccessRefused(401, "Invalid credentials", challenge, 0);
            }
            case Authentication.None n -> Identity.ANONYMOUS;
        };
    }

    /**
     * A guesser refused by the throttle is recorded once a minute (with how many refusals the minute held), not on
     * every attempt: a flood of 429s must not become a flood of writes to the catalog.
     */
    private void recordThrottled(String user, String client, String path) {
        String key = user + "\u0000" + client;
        Instant now = clock.instant();
        int unrecorded;
        synchronized (throttled) {
            ThrottledSince last = throttled.get(key);
            if (last != null && last.recorded().plusSeconds(60).isAfter(now)) {
                throttled.put(key, new ThrottledSince(last.recorded(), last.unrecorded() + 1));
                return;
            }
            unrecorded = last == null ? 0 : last.unrecorded();
            throttled.put(key, new ThrottledSince(now, 0));
        }
        log.refused(user, client, "login", path, "throttled after repeated failures"
                + (unrecorded > 0 ? " (and " + unrecorded + " more refusals in the minute before)" : ""));
    }

    /** The caller, who must have sent valid credentials. @throws AccessRefused 401 */
    public Identity requireKnown(Identity identity, String challenge) {
        if (identity.isAnonymous()) {
            throw new AccessRefused(401, "Authentication required: a user and password, or __token__ and an API token",
                    challenge, 0);
        }
        return identity;
    }

    /**
     * Refuses Basic credentials on the admin API whatever they hold: a browser replays those by itself, never a Bearer
     * token.
     *
     * @throws AccessRefused 401 with a Bearer challenge
     */
    public void refuseBasicForAdmin(String header, String client, String path) {
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            log.refused(BasicCredentials.parse(header).loggableUser(), client, "admin", path, "Basic credentials on the admin API");
            throw new AccessRefused(401, "Unauthorized: the admin API takes an admin token as 'Authorization: Bearer TOKEN';"
                    + " Basic credentials are refused here, since browsers send those on their own", "Bearer", 0);
        }
    }

    /** The caller, who must be an administrator. @throws AccessRefused 401, 403 */
    public Identity requireAdmin(Identity identity, String client, String path) {
        requireKnown(identity, "Bearer");
        if (!identity.admin()) {
            throw log.forbidden(identity.name(), client, "admin", path, "'" + identity.name() + "' is not an administrator (or the token lacks"
                    + " the admin scope)");
        }
        return identity;
    }

    /**
     * Refuses a caller who may not read a route: 401 with a Basic challenge (so that pip sends its credentials from
     * netrc or a keyring) or 403. A route readable by anyone needs nothing.
     */
    public void checkRead(Identity identity, String client, String routeName, String routePath, boolean anonymousRead) {
        if (anonymousRead) {
            return;
        }
        if (identity.isAnonymous()) {
            throw new AccessRefused(401, "Authentication required: this index is private", "Basic", 0);
        }
        if (!identity.mayRead(routeName)) {
            throw log.forbidden(identity.name(), client, "read", routePath, "this credential may not read the route '" + routeName + "'");
        }
    }

    /**
     * The read rule of a route for a repository call (the first gate of every route): the caller the context names
     * must be allowed to read it. Sluice's own lookups ({@link dev.sluice.index.Caller#SERVER}) always may.
     */
    public void checkRead(RequestContext context, String route, String path, boolean anonymousRead) {
        if (context.caller() instanceof Identity identity) {
            checkRead(identity, context.client(), route, path, anonymousRead);
        }
    }

    public SecurityLog log() {
        return log;
    }
}
