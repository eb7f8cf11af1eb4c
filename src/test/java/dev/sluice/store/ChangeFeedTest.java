package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.PrivatePostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The change feed on a real PostgreSQL: a node hears each change of another once, not its own; a change whose
 * transaction committed after a later one was read is still heard; a SQLite catalog tells nothing.
 */
class ChangeFeedTest {
    @Test
    void eachNodeHearsTheOthersChangesOnceEvenWhenTheyCommitOutOfOrder() throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.start(); Database one = Database.openPostgres(pg.url());
                Database two = Database.openPostgres(pg.url())) {
            ChangeFeed a = new ChangeFeed(one);
            ChangeFeed b = new ChangeFeed(two);
            List<String> heardByA = new ArrayList<>();
            List<String> heardByB = new ArrayList<>();
            a.subscribe("hosted", heardByA::add);
            b.subscribe("hosted", heardByB::add);
            b.subscribe("other", s -> heardByB.add("other:" + s));
            a.start();
            b.start();
            try {
                a.publish("hosted", "demo");
                a.publish("other", "x");
                b.poll();
                a.poll();
                assertThat(heardByB).containsExactly("demo", "other:x");
                assertThat(heardByA).as("a node does not hear itself").isEmpty();
                b.poll();
                assertThat(heardByB).as("read again, not told again").hasSize(2);

                // A transaction that took its id and time before the last row read, and committed after it
                one.jdbi().useHandle(h -> h.execute("INSERT INTO catalog_change (topic, subject, origin, at_micros)"
                        + " SELECT 'hosted', 'late', 'elsewhere', MAX(at_micros) - 1000000 FROM catalog_change"));
                b.poll();
                assertThat(heardByB).as("a late commit is heard").endsWith("late");
            } finally {
                a.close();
                b.close();
            }
        }
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void aSqliteCatalogTellsNothing() throws Exception {
        try (Database sqlite = Database.openSqlite(dir.resolve("sluice.db"))) {
            ChangeFeed feed = new ChangeFeed(sqlite);
            feed.subscribe("hosted", s -> {
                throw new AssertionError("heard " + s);
            });
            feed.start();
            feed.publish("hosted", "demo");
            assertThat(feed.shared()).isFalse();
            long rows = sqlite.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM catalog_change").mapTo(Long.class).one());
            assertThat(rows).isZero();
            feed.close();
        }
    }
}
