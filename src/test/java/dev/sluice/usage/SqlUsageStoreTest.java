package dev.sluice.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.store.Database;
import dev.sluice.store.SchemaMigrations;
import dev.sluice.usage.UsageStore.Event;
import dev.sluice.util.Micros;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SqlUsageStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    /** Events unlike each other in every field a dictionary holds, including nulls and both truths. */
    private static List<Event> events() {
        return List.of(
                new Event(T0, "file", "simple-file", "demo", "1.0", "demo-1.0.tar.gz", "alice", "tok1", "10.0.0.1", "pip",
                        "24.2", "3.12.1", "Linux", "x86_64", false, "downloaded", null, "local", "cooldown", 200, 1234L, 57, "3f9a1c2e07-1"),
                new Event(T0.plusSeconds(1), "page", "simple-page", "demo", null, null, "anonymous", null, "10.0.0.2", "uv",
                        "0.4.1", "3.11.0", "Darwin", "arm64", true, "served", null, "pypi", null, 200, 800L, 12, "3f9a1c2e07-2"),
                new Event(T0.plusSeconds(2), "file", "simple-file", "evil", "6.6", "evil-6.6.tar.gz", "bob", null, "10.0.0.3",
                        null, null, null, null, null, null, "refused", "quarantined", "pypi", "moderation", 403, null, 3, null),
                new Event(T0.plusSeconds(3), "page", "simple-page", "demo", null, null, "anonymous", null, "10.0.0.2", "uv",
                        "0.4.1", "3.11.0", "Darwin", "arm64", true, "served", null, "pypi", null, 304, null, 2, "3f9a1c2e07-4"));
    }

    private static Event withoutRequestId(Event e) {
        return new Event(e.at(), e.kind(), e.route(), e.project(), e.version(), e.filename(), e.identity(), e.tokenId(),
                e.clientAddress(), e.installer(), e.installerVersion(), e.python(), e.os(), e.cpu(), e.ci(), e.decision(),
                e.detail(), e.source(), e.gates(), e.status(), e.bytes(), e.durationMicros(), null);
    }

    private static List<Event> exported(UsageStore store) {
        List<Event> out = new ArrayList<>();
        store.export(T0.minusSeconds(10), T0.plusSeconds(10), out::add);
        return out;
    }

    @Test
    void eventsReadBackAsTheyWereWrittenAndEachRepeatedValueIsStoredOnce() {
        try (Database database = Database.openSqlite(dir.resolve("sluice.db"))) {
            SqlUsageStore store = new SqlUsageStore(database.jdbi());
            store.append(events());
            // Another node (or a restart) names the same values alike, without asking the catalog.
            new SqlUsageStore(database.jdbi()).append(events().subList(1, 2));

            List<Event> expected = new ArrayList<>(events());
            expected.add(2, events().get(1));
            assertThat(exported(store)).containsExactlyElementsOf(expected);
            assertThat(store.count()).isEqualTo(5);
            assertThat(rows(database, "usage_client")).as("pip, uv and no client").isEqualTo(3);
            assertThat(rows(database, "usage_answer")).as("four routes, sources, gates and statuses").isEqualTo(4);
        }
    }

    @Test
    void aBatchLongerThanOneStatementKeepsEveryEventInOrder() {
        List<Event> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) { // two statements of 32 rows, then one of 6
            Event e = events().get(i % 4);
            many.add(new Event(T0.plusMillis(i), e.kind(), e.route(), "p" + i, e.version(), e.filename(), e.identity(),
                    e.tokenId(), e.clientAddress(), e.installer(), e.installerVersion(), e.python(), e.os(), e.cpu(), e.ci(),
                    e.decision(), e.detail(), e.source(), e.gates(), e.status(), e.bytes(), e.durationMicros(), e.requestId()));
        }
        try (Database database = Database.openSqlite(dir.resolve("sluice.db"))) {
            SqlUsageStore store = new SqlUsageStore(database.jdbi());
            store.append(many);
            assertThat(exported(store)).containsExactlyElementsOf(many);
        }
    }

    @Test
    void theHashNamesDifferentValuesApart() {
        assertThat(UsageDictionary.hash(Arrays.asList("a", null))).isNotEqualTo(UsageDictionary.hash(Arrays.asList(null, "a")));
        assertThat(UsageDictionary.hash(Arrays.asList("ab", "c"))).isNotEqualTo(UsageDictionary.hash(Arrays.asList("a", "bc")));
        assertThat(UsageDictionary.hash(Arrays.asList("", null))).isNotEqualTo(UsageDictionary.hash(Arrays.asList(null, "")));
        assertThat(UsageDictionary.hash(List.of("pip", "24.2"))).isEqualTo(UsageDictionary.hash(List.of("pip", "24.2")))
                .isPositive();
    }

    @Test
    void eventsLoggedBeforeTheDictionariesAreCarriedOver() {
        Path file = dir.resolve("old.db");
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + file);
        SchemaMigrations.migrate(sqlite, Database.Engine.SQLITE, 5);
        org.jdbi.v3.core.Jdbi.create(sqlite).useHandle(h -> {
            for (Event e : events()) {
                h.createUpdate("INSERT INTO usage_event (at_micros, kind, route, project, version, filename, identity, token_id,"
                                + " client_address, installer, installer_version, python, os, cpu, ci, decision, detail, source,"
                                + " status, bytes, duration_micros, gates) VALUES (:at, :kind, :route, :project, :version,"
                                + " :filename, :identity, :tokenId, :clientAddress, :installer, :installerVersion, :python, :os,"
                                + " :cpu, :ci, :decision, :detail, :source, :status, :bytes, :durationMicros, :gates)")
                        .bindMethods(e).bind("at", Micros.of(e.at()))
                        // before V11 a download was logged as any served file; V11 tells them apart by status
                        .bind("decision", e.decision().equals("downloaded") ? "served" : e.decision()).execute();
            }
        });

        try (Database database = Database.openSqlite(file)) {
            SqlUsageStore store = new SqlUsageStore(database.jdbi());
            assertThat(exported(store)).as("events logged before request ids have none")
                    .containsExactlyElementsOf(events().stream().map(SqlUsageStoreTest::withoutRequestId).toList());
            store.append(events().subList(0, 1)); // a value carried over, met again by the new writer
            assertThat(store.whoFetched("demo", null, T0, T0.plusSeconds(10)))
                    .singleElement().satisfies(f -> assertThat(f.downloads()).isEqualTo(2));
        }
    }

    private static long rows(Database database, String table) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }
}
