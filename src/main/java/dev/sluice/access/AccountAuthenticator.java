package dev.sluice.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accounts and their tokens: Basic {@code user:password} (the account's own rights: read and upload, and
 * admin for admin accounts), Basic {@code __token__:token} or Bearer (the token's scopes). A password that
 * was just verified is remembered for a minute by its SHA-256, so that an install of many files does not
 * pay Argon2id on every request.
 */
public final class AccountAuthenticator implements Authenticator {
    private static final Duration REMEMBER_PASSWORD = Duration.ofMinutes(1);

    private final AccountStore store;
    private final ApiTokens tokens;
    private final Clock clock;
    private final Map<String, Instant> recentlyVerified = new ConcurrentHashMap<>();

    public AccountAuthenticator(AccountStore store, ApiTokens tokens, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(String header) {
        BasicCredentials credentials = BasicCredentials.parse(header);
        if (credentials == null) {
            return Authentication.NONE;
        }
        if (credentials.secret() == null) {
            return new Authentication.Failure(null, "malformed credentials");
        }
        if (credentials.isToken()) {
            return tokens.verify(credentials.secret());
        }
        String name = credentials.loggableUser();
        AccountStore.Account account = name == null ? null : store.account(name).orElse(null);
        if (account == null) {
            Passwords.spendCheckTime(credentials.secret()); // "no such user" must not be told by its speed
            return new Authentication.Failure(name, "no such account");
        }
        // The password is checked whatever the account's state: a disabled or token-only account must cost what
        // a wrong password costs, or its state could be told by the answer's speed.
        boolean matches = passwordMatches(account, credentials.secret());
        if (account.disabled()) {
            return new Authentication.Failure(name, "the account is disabled");
        }
        if (!matches) {
            return new Authentication.Failure(name, account.passwordHash() == null ? "the account has no password (tokens only)"
                    : "wrong password");
        }
        return new Authentication.Success(identityOf(account));
    }

    /** What an account may do when it signs in with its password (not a token): read and upload, or everything. */
    static Identity identityOf(AccountStore.Account account) {
        return new Identity(account.name(), account.admin(), account.admin() ? List.of(Scope.ADMIN) : List.of(Scope.READ, Scope.UPLOAD));
    }

    private boolean passwordMatches(AccountStore.Account account, String password) {
        String key = ApiTokens.sha256(account.name() + "\u0000" + password + "\u0000" + account.passwordHash());
        Instant now = clock.instant();
        Instant verified = recentlyVerified.get(key);
        if (verified != null && verified.plus(REMEMBER_PASSWORD).isAfter(now)) {
            return true;
        }
        if (account.passwordHash() == null) {
            Passwords.spendCheckTime(password);
            return false;
        }
        if (!Passwords.matches(password, account.passwordHash())) {
            return false;
        }
        if (recentlyVerified.size() > 10_000) {
            recentlyVerified.clear();
        }
        recentlyVerified.put(key, now);
        return true;
    }

    /** An account name as stored: lower case, letters, digits, '.', '_', '-'. @throws IllegalArgumentException */
    public static String accountName(String text) {
        String name = text.strip().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,63}") || name.equals("admin") || name.equals("anonymous")
                || name.equals(BasicCredentials.TOKEN_USER)) {
            throw new IllegalArgumentException("'" + text + "' is not a usable account name: letters, digits, '.', '_', '-',"
                    + " at most 64, and not admin or anonymous");
        }
        return name;
    }
}
