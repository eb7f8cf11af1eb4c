package dev.sluice.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where accounts, API tokens, teams, project owners and security events are kept. It stores hashes only:
 * a password's Argon2id PHC string, a token's SHA-256.
 */
public interface AccountStore {
    record Account(String name, String passwordHash, boolean admin, boolean disabled) {}

    /**
     * @param expires null when the token does not expire
     * @param parentId the token this one was made with (it is revoked with it), null when made with a password
     */
    record Token(String id, String sha256, String account, String description, String scopes, Instant created,
            Instant expires, Instant lastUsed, Instant revoked, String parentId) {}

    /** An owner is an account or a team, never both. */
    record Owner(String account, String team) {}

    /** @param actor null when nobody could be identified */
    record SecurityEvent(Instant at, String actor, String client, String action, String target, String outcome, String reason) {}

    /** @return false when the name is taken */
    boolean createAccount(String name, String passwordHash, boolean admin, Instant at);

    Optional<Account> account(String name);

    List<Account> accounts();

    boolean setPassword(String name, String passwordHash);

    boolean setDisabled(String name, boolean disabled);

    void addToken(Token token);

    Optional<Token> tokenBySha256(String sha256);

    Optional<Token> token(String id);

    List<Token> tokens(String account);

    /** Revokes a token and every token made with it, at any depth. @return whether the token itself changed */
    boolean revokeToken(String id, Instant at);

    void tokenUsed(String id, Instant at);

    boolean createTeam(String name, Instant at);

    boolean teamExists(String name);

    boolean addMember(String team, String account);

    boolean removeMember(String team, String account);

    List<String> teamsOf(String account);

    Optional<Owner> owner(String project);

    /** Makes the account the owner of a project that has none. @return whether it is the owner now */
    boolean claim(String project, String account, Instant at);

    void setOwner(String project, Owner owner, Instant at);

    /** Every hosted project's owner, by project name. */
    java.util.SortedMap<String, Owner> owners();

    /** Forgets a project's owner (its hosted name was released). */
    void clearOwner(String project);

    void record(SecurityEvent event);

    /** The newest events first. */
    List<SecurityEvent> events(int limit);
}
