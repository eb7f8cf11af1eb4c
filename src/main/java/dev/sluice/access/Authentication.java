package dev.sluice.access;

/** What an {@code Authorization} header proved. */
public sealed interface Authentication {
    /** No credentials were sent. */
    record None() implements Authentication {}

    record Success(Identity identity) implements Authentication {}

    /**
     * Credentials were sent and are not valid.
     *
     * @param claimedUser the user name the client gave (never a secret), or null
     * @param reason why, for the security log only (the client is told less)
     */
    record Failure(String claimedUser, String reason) implements Authentication {}

    Authentication NONE = new None();
}
