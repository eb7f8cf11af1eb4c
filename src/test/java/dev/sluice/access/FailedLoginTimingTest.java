package dev.sluice.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disabled or token-only account must not be told apart from a wrong password by the answer's speed (issue 15,
 * hole 12: 4.6 ms against 45 ms). Compared as a ratio of the fastest of interleaved attempts in one run, not against a fixed time.
 */
class FailedLoginTimingTest {
    @TempDir
    Path dir;

    @Test
    void everyFailedPasswordCheckCostsAnArgon2Verification() {
        try (Database database = Database.openSqlite(dir.resolve("sluice.db"))) {
            SqlAccountStore store = new SqlAccountStore(database.jdbi());
            Instant now = Instant.now();
            store.createAccount("dana", Passwords.hash("dana-password-123"), false, now);
            store.createAccount("erin", Passwords.hash("erin-password-123"), false, now);
            store.setDisabled("erin", true);
            store.createAccount("tokens-only", null, false, now);
            AccountAuthenticator authenticator = new AccountAuthenticator(store, new ApiTokens(store, Clock.systemUTC()), Clock.systemUTC());
            for (int i = 0; i < 3; i++) {
                authenticator.authenticate(basic("dana", "warm-up-guess-" + i)); // loads and compiles Argon2
            }
            // Interleaved rounds, each kind's fastest: a slow moment of the machine (or the JIT) cannot fall on one kind.
            long[] fastest = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
            String[] users = {"dana", "erin", "tokens-only"};
            for (int round = 0; round < 7; round++) {
                for (int kind = 0; kind < users.length; kind++) {
                    long start = System.nanoTime();
                    authenticator.authenticate(basic(users[kind], "a-wrong-password-1"));
                    fastest[kind] = Math.min(fastest[kind], System.nanoTime() - start);
                }
            }
            long wrongPassword = fastest[0];
            long disabled = fastest[1];
            long noPassword = fastest[2];
            assertThat((double) disabled / wrongPassword).as("disabled %d ns, wrong password %d ns", disabled, wrongPassword)
                    .isGreaterThan(0.5);
            assertThat((double) noPassword / wrongPassword).as("token-only %d ns, wrong password %d ns", noPassword, wrongPassword)
                    .isGreaterThan(0.5);
            assertThat(authenticator.authenticate(basic("erin", "erin-password-123")))
                    .isEqualTo(new Authentication.Failure("erin", "the account is disabled"));
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
