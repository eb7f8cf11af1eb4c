package dev.sluice.access;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Password hashing with Argon2id at OWASP's recommended minimum cost (19 MiB of memory, 2 passes, 1 lane),
 * stored as a PHC string that names its parameters, so that the cost can be raised later without breaking
 * stored hashes. A password shorter than 12 characters is refused when set.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 12;
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

    private Passwords() {}

    /** @throws IllegalArgumentException when the password is too short or too long */
    public static String hash(String password) {
        if (password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > 512) {
            throw new IllegalArgumentException("a password may have at most 512 characters");
        }
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    /** Spends the time a password check takes, for an account that does not exist (no timing oracle). */
    public static void spendCheckTime(String password) {
        Dummy.HASH.length(); // initialises the holder once
        matches(password, Dummy.HASH);
    }

    private static final class Dummy {
        static final String HASH = hash("no account has this password");
    }

    /** Whether the password matches the stored hash (false for a missing or unreadable hash). */
    public static boolean matches(String password, String storedHash) {
        if (storedHash == null || !storedHash.startsWith("$argon2")) {
            return false;
        }
        try {
            return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
