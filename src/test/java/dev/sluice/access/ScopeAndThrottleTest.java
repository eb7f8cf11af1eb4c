package dev.sluice.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.pep.ProjectName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ScopeAndThrottleTest {
    @Test
    void scopesNameRoutesAndProjectsInNormalForm() {
        Identity token = new Identity("alice", false, Scope.parseAll("read:route=main, upload:project=Acme_Utils"));
        assertThat(token.mayRead("main")).isTrue();
        assertThat(token.mayRead("pypi")).isFalse();
        assertThat(token.mayUpload(ProjectName.of("acme.utils"))).isTrue();
        assertThat(token.mayUpload(ProjectName.of("acme-other"))).isFalse();
        assertThat(token.scopes()).extracting(Scope::toString).containsExactly("read:route=main", "upload:project=acme-utils");
        Identity admin = Identity.administrator("root");
        assertThat(admin.mayRead("anything")).isTrue();
        assertThat(admin.mayUpload(ProjectName.of("anything"))).isTrue();
        assertThat(new Identity("bob", false, List.of(Scope.UPLOAD)).mayRead("main")).as("upload does not imply read").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"write", "read:project=x", "upload:route=main", "upload:project=", "upload:project=-bad-",
        "read:route=UPPER/../x", "admin:route=main", ""})
    void aScopeThatIsNotOneIsRefusedSayingWhatScopesLookLike(String text) {
        assertThatThrownBy(() -> Scope.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a scope: read, read:route=NAME, upload, upload:project=NAME or admin");
    }

    /** A clock the test moves. */
    private static final class Manual extends Clock {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theThrottleOpensAgainWhenTheOldestFailureLeavesTheWindow() {
        Manual clock = new Manual();
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.retryAfterSeconds("alice")).isZero();
            throttle.failed("alice");
            clock.now = clock.now.plusSeconds(60);
        }
        assertThat(throttle.retryAfterSeconds("alice")).as("the first failure leaves the window in 2 minutes").isEqualTo(121);
        assertThat(throttle.retryAfterSeconds("bob")).isZero();
        clock.now = clock.now.plusSeconds(121);
        assertThat(throttle.retryAfterSeconds("alice")).isZero();
        throttle.failed("alice");
        assertThat(throttle.retryAfterSeconds("alice")).isPositive();
        throttle.succeeded("alice");
        assertThat(throttle.retryAfterSeconds("alice")).isZero();
    }

    @Test
    void passwordsAreArgon2idAndCheckedAgainstTheirHash() {
        String hash = Passwords.hash("a long enough password");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(Passwords.matches("a long enough password", hash)).isTrue();
        assertThat(Passwords.matches("a long enough passworD", hash)).isFalse();
        assertThat(Passwords.matches("anything", "$argon2id$garbage")).isFalse();
        assertThat(Passwords.matches("anything", null)).isFalse();
        assertThatThrownBy(() -> Passwords.hash("short")).hasMessage("a password needs at least 12 characters");
    }
}
