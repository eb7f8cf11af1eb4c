package dev.sluice.access;

import dev.sluice.util.Digests;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens: {@code sluice_} and 256 random bits in hex, shown once at creation and stored only as their
 * SHA-256 (a lookup by hash is as safe as a constant-time comparison: the stored value reveals nothing).
 * A token carries scopes within its account's rights, may expire, can be revoked, and records when it was
 * last used (at most once a minute, so that installs do not write on every request).
 */
public final class ApiTokens {
    public static final String PREFIX = "sluice_";
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token: its id (public) and the secret, which is never shown again. */
    public record Created(String id, String secret, AccountStore.Token stored) {}

    private final AccountStore store;
    private final Clock clock;
    private final Map<String, Instant> lastRecordedUse = new ConcurrentHashMap<>();

    public ApiTokens(AccountStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param expiresIn null for a token that does not expire (or that expires with its maker)
     * @param maker the token the request was made with, or null when made with a password or the admin token: the
     *     new token never outlives it (its expiry is capped at the maker's) and is revoked with it
     * @throws IllegalArgumentException when a scope is beyond the account's rights
     */
    public Created create(AccountStore.Account account, String description, List<Scope> scopes, Duration expiresIn,
            AccountStore.Token maker) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope");
        }
        if (!account.admin() && scopes.contains(Scope.ADMIN)) {
            throw new IllegalArgumentException("only an admin account's token may have the admin scope");
        }
        String secret = newSecret();
        Instant now = clock.instant();
        Instant expires = expiresIn == null ? null : now.plus(expiresIn);
        if (maker != null && maker.expires() != null && (expires == null || expires.isAfter(maker.expires()))) {
            expires = maker.expires();
        }
        AccountStore.Token token = new AccountStore.Token(newId(), sha256(secret), account.name(),
                description, String.join(" ", scopes.stream().map(Scope::toString).toList()), now, expires, null, null,
                maker == null ? null : maker.id());
        store.addToken(token);
        return new Created(token.id(), secret, token);
    }

    /** The identity a token secret stands for, or a failure saying why (for the security log). */
    Authentication verify(String secret) {
        if (!secret.startsWith(PREFIX) || secret.length() != PREFIX.length() + 64) {
            return new Authentication.Failure(null, "not a Sluice token");
        }
        AccountStore.Token token = store.tokenBySha256(sha256(secret)).orElse(null);
        if (token == null) {
            return new Authentication.Failure(null, "unknown token");
        }
        Instant now = clock.instant();
        if (token.revoked() != null) {
            return new Authentication.Failure(token.account(), "token " + token.id() + " was revoked");
        }
        if (token.expires() != null && !now.isBefore(token.expires())) {
            return new Authentication.Failure(token.account(), "token " + token.id() + " expired");
        }
        AccountStore.Account account = store.account(token.account()).orElse(null);
        if (account == null || account.disabled()) {
            return new Authentication.Failure(token.account(), "the account of token " + token.id() + " is disabled");
        }
        recordUse(token.id(), now);
        List<Scope> scopes = Scope.parseAll(token.scopes()).stream().filter(s -> account.admin() || s != Scope.ADMIN).toList();
        return new Authentication.Success(new Identity(account.name(), account.admin() && scopes.contains(Scope.ADMIN), scopes,
                token.id()));
    }

    private void recordUse(String id, Instant now) {
        Instant last = lastRecordedUse.get(id);
        if (last == null || last.plus(LAST_USED_PRECISION).isBefore(now)) {
            lastRecordedUse.put(id, now);
            store.tokenUsed(id, now);
        }
    }

    /** A public id that names a token or a session in lists and revocations: 64 random bits in hex. */
    static String newId() {
        byte[] bits = new byte[8];
        RANDOM.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    /** A new secret: the prefix and 256 random bits in hex (API tokens and the generated admin token alike). */
    static String newSecret() {
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        return PREFIX + HexFormat.of().formatHex(bits);
    }

    static String sha256(String text) {
        return Digests.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
