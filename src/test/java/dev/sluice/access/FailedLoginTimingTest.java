package dev.sluice.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disabled or token-only account must not be told apart from a wrong password by the answer's speed (issue 15,
 * hole 12: 4.6 ms against 45 ms). Compared as a ratio of medians in one run, not against a fixed time.
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
            authenticator.authenticate(basic("dana", "warm-up-guess-1")); // loads Argon2 once

            long wrongPassword = median(() -> authenticator.authenticate(basic("dana", "a-wrong-password-1")));
            long disabled = median(() -> authenticator.authenticate(basic("erin", "a-wrong-password-1")));
            long noPassword = median(() -> authenticator.authenticate(basic("tokens-only", "a-wrong-password-1")));
            assertThat((double) disabled / wrongPassword).as("disabled %d ns, wrong password %d ns", disabled, wrongPassword)
                    .isGreaterThan(0.5);
            assertThat((double) noPassword / wrongPassword).as("token-only %d ns, wrong password %d ns", noPassword, wrongPassword)
                    .isGreaterThan(0.5);
            assertThat(authenticator.authenticate(basic("erin", "erin-password-123")))
                    .isEqualTo(new Authentication.Failure("erin", "the account is disabled"));
        }
    }

    private static long median(Runnable attempt) {
        long[] times = new long[5];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            attempt.run();
            times[i] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
