package dev.sluice.web;

import dev.sluice.access.Authentication;
import dev.sluice.access.Authenticator;
import dev.sluice.access.BasicCredentials;
import dev.sluice.access.Identity;
import dev.sluice.access.LoginThrottle;
import dev.sluice.access.SecurityLog;
import io.javalin.http.Context;

/**
 * Who is calling, for every endpoint that cares: reads the credentials, refuses guessing (429 once a user
 * name or a client address has failed too often, before any check), answers 401 with a challenge for
 * missing or wrong credentials, and records every refusal in the security log. Clients are told as little
 * as helps them: never whether an account exists.
 */
final class Gatekeeper {
    /** How the usage log names authentication and permissions when they refuse a request. */
    static final String ACCESS = "access";
    private final Authenticator authenticator;
    private final LoginThrottle perUser;
    private final LoginThrottle perClient;
    private final SecurityLog log;
    private final java.time.Clock clock;
    /** When each throttled user or client was last recorded, and how many refusals came since: one event a minute. */
    private final java.util.Map<String, ThrottledSince> throttled = new dev.sluice.index.LruMap<>(10_000);

    private record ThrottledSince(java.time.Instant recorded, int unrecorded) {}

    Gatekeeper(Authenticator authenticator, LoginThrottle perUser, LoginThrottle perClient, SecurityLog log,
            java.time.Clock clock) {
        this.authenticator = authenticator;
        this.perUser = perUser;
        this.perClient = perClient;
        this.log = log;
        this.clock = clock;
    }

    /** The caller, {@link Identity#ANONYMOUS} when no credentials were sent. @throws AccessRefused 401, 429 */
    Identity identify(Exchange exchange, String challenge) {
        Identity known = exchange.attribute(UsageRecorder.IDENTITY);
        if (known != null) {
            return known;
        }
        Identity identity = authenticate(exchange, challenge);
        exchange.attribute(UsageRecorder.IDENTITY, identity);
        return identity;
    }

    private Identity authenticate(Exchange exchange, String challenge) {
        String header = exchange.header("Authorization");
        if (header == null) {
            return Identity.ANONYMOUS;
        }
        String client = exchange.ip();
        BasicCredentials presented = BasicCredentials.parse(header);
        String user = presented.loggableUser();
        long wait = Math.max(perClient.retryAfterSeconds(client), user == null ? 0 : perUser.retryAfterSeconds(user));
        if (wait > 0) {
            recordThrottled(user, client, exchange.path());
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
                log.refused(f.claimedUser(), client, "login", exchange.path(), f.reason());
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
        java.time.Instant now = clock.instant();
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

    /** The caller, who must have sent valid credentials. @throws AccessRefused 401, 429 */
    Identity require(Context ctx, String challenge) {
        Identity identity = identify(new JavalinExchange(ctx), challenge);
        if (identity.isAnonymous()) {
            throw new AccessRefused(401, "Authentication required: a user and password, or __token__ and an API token",
                    challenge, 0);
        }
        return identity;
    }

    /**
     * The caller, who must be an administrator presenting a token as {@code Authorization: Bearer}. Basic credentials
     * are refused here whatever they hold: a browser replays those by itself, never a Bearer token.
     *
     * @throws AccessRefused 401, 403, 429
     */
    Identity requireAdmin(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            BasicCredentials presented = BasicCredentials.parse(header);
            log.refused(presented.loggableUser(), ctx.ip(), "admin", ctx.path(), "Basic credentials on the admin API");
            throw new AccessRefused(401, "Unauthorized: the admin API takes an admin token as 'Authorization: Bearer TOKEN';"
                    + " Basic credentials are refused here, since browsers send those on their own", "Bearer", 0);
        }
        Identity identity = require(ctx, "Bearer");
        if (!identity.admin()) {
            throw forbid(identity, ctx, "admin", ctx.path(), "'" + identity.name() + "' is not an administrator (or the token lacks the admin scope)");
        }
        return identity;
    }

    /** Records a refusal and returns the 403 to throw. */
    AccessRefused forbid(Identity identity, Context ctx, String action, String target, String reason) {
        return forbid(identity, new JavalinExchange(ctx), action, target, reason);
    }

    AccessRefused forbid(Identity identity, Exchange exchange, String action, String target, String reason) {
        log.refused(identity.name(), exchange.ip(), action, target, reason);
        return new AccessRefused(403, "Forbidden: " + reason, null, 0);
    }

    SecurityLog log() {
        return log;
    }
}
