package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.MovableClock;
import dev.sluice.testing.PrivatePostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Leases between two nodes of one PostgreSQL catalog: one holder at a time, released, renewed, run out. */
class LeasesTest {
    private static final Duration TERM = Duration.ofSeconds(15);

    @Test
    void oneNodeAtATimeUntilReleasedOrRunOut() throws Exception {
        MovableClock clock = new MovableClock();
        try (PrivatePostgres pg = PrivatePostgres.start(); Database catalog = Database.openPostgres(pg.url())) {
            Leases a = Leases.of(catalog, clock);
            Leases b = Leases.of(catalog, clock);
            assertThat(a.acquire("pypi", "demo-1.0.whl", TERM)).isTrue();
            assertThat(b.acquire("pypi", "demo-1.0.whl", TERM)).as("held by A").isFalse();
            assertThat(b.acquire("pypi", "other-1.0.whl", TERM)).as("another file").isTrue();
            assertThat(b.acquire("mirror", "demo-1.0.whl", TERM)).as("another source").isTrue();
            a.release("pypi", "demo-1.0.whl");
            assertThat(b.acquire("pypi", "demo-1.0.whl", TERM)).as("released").isTrue();

            clock.advance(Duration.ofSeconds(10));
            b.renew("pypi", "demo-1.0.whl", TERM);
            a.renew("pypi", "demo-1.0.whl", TERM); // not A's: changes nothing
            clock.advance(Duration.ofSeconds(10));
            assertThat(a.acquire("pypi", "demo-1.0.whl", TERM)).as("renewed by B 10 s ago").isFalse();
            clock.advance(Duration.ofSeconds(6));
            assertThat(a.acquire("pypi", "demo-1.0.whl", TERM)).as("B stopped renewing: run out").isTrue();
        }
    }

    @Test
    void aSqliteCatalogHasOneNodeAndGrantsEveryLease(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (Database catalog = Database.openSqlite(dir.resolve("sluice.db"))) {
            Leases leases = Leases.of(catalog, new MovableClock());
            assertThat(leases.acquire("pypi", "x", TERM)).isTrue();
            assertThat(leases.acquire("pypi", "x", TERM)).isTrue();
        }
    }
}
