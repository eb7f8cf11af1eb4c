package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.PrivatePostgres;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The catalog's migrations, run by Sluice itself: the history is Flyway's, so that catalogs Flyway migrated are taken
 * as they are and Flyway validates the ones made here (on SQLite and a real PostgreSQL); all that is missing is applied
 * at once or not at all; a changed script is refused; nodes migrating one PostgreSQL catalog together take turns.
 */
class SchemaMigrationsTest {
    @TempDir
    Path dir;

    private DataSource sqlite(String name) {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve(name));
        return sqlite;
    }

    private static Flyway flyway(DataSource catalog, String engine) {
        return Flyway.configure().dataSource(catalog).locations("classpath:db/migration", "classpath:db/vendor/" + engine).load();
    }

    private static List<String> history(DataSource catalog) {
        return Jdbi.create(catalog).withHandle(h -> h.createQuery("SELECT installed_rank || ' ' || version || ' ' || script"
                + " || ' ' || checksum FROM flyway_schema_history ORDER BY installed_rank").mapTo(String.class).list());
    }

    @Test
    void aFreshCatalogGetsEveryScriptOnceWithTheHistoryFlywayWouldHaveWritten() {
        DataSource ours = sqlite("ours.db");
        DataSource flywayMade = sqlite("flyway.db");
        SchemaMigrations.migrate(ours, Database.Engine.SQLITE);
        flyway(flywayMade, "sqlite").migrate();

        assertThat(history(ours)).hasSize(SchemaMigrations.available(Database.Engine.SQLITE).size())
                .isEqualTo(history(flywayMade));
        flyway(ours, "sqlite").validate(); // throws when a checksum, description or version differs
        SchemaMigrations.migrate(ours, Database.Engine.SQLITE);
        assertThat(history(ours)).as("run again, nothing applied twice").isEqualTo(history(flywayMade));
    }

    @Test
    void aCatalogFlywayMigratedPartlyIsCarriedOnFromWhereItStopped() {
        DataSource catalog = sqlite("old.db");
        Flyway.configure().dataSource(catalog).locations("classpath:db/migration").target("7").load().migrate();
        SchemaMigrations.migrate(catalog, Database.Engine.SQLITE);
        assertThat(history(catalog)).hasSize(SchemaMigrations.available(Database.Engine.SQLITE).size());
        flyway(catalog, "sqlite").validate();
    }

    @Test
    void whatIsMissingIsAppliedAtOnceOrNotAtAll() {
        DataSource catalog = sqlite("failing.db");
        List<SchemaMigrations.Migration> scripts = List.of(
                new SchemaMigrations.Migration(1, "V1__one.sql", "CREATE TABLE one (a INT);"),
                new SchemaMigrations.Migration(2, "V2__two.sql", "CREATE TABLE two (a INT); INSERT INTO nowhere VALUES (1);"));
        assertThatThrownBy(() -> SchemaMigrations.migrate(catalog, Database.Engine.SQLITE, scripts, Integer.MAX_VALUE))
                .hasMessageContaining("V2__two.sql failed").hasMessageContaining("nowhere");
        List<String> tables = Jdbi.create(catalog).withHandle(h -> h.createQuery("SELECT name FROM sqlite_master")
                .mapTo(String.class).list());
        assertThat(tables).as("V1 and the history rolled back with V2").isEmpty();

        SchemaMigrations.migrate(catalog, Database.Engine.SQLITE, scripts.subList(0, 1), Integer.MAX_VALUE);
        assertThat(history(catalog)).hasSize(1).first().asString().startsWith("1 1 V1__one.sql");
    }

    @Test
    void anAppliedScriptThatChangedSinceIsRefusedAndAVersionFromANewerSluiceIsLeftAlone() {
        DataSource catalog = sqlite("changed.db");
        List<SchemaMigrations.Migration> scripts = List.of(
                new SchemaMigrations.Migration(1, "V1__one.sql", "CREATE TABLE one (a INT);"));
        SchemaMigrations.migrate(catalog, Database.Engine.SQLITE, scripts, Integer.MAX_VALUE);
        Jdbi.create(catalog).useHandle(h -> h.execute("INSERT INTO flyway_schema_history (installed_rank, version,"
                + " description, type, script, checksum, installed_by, execution_time, success)"
                + " VALUES (2, '99', 'later', 'SQL', 'V99__later.sql', 1, '', 0, TRUE)"));
        SchemaMigrations.migrate(catalog, Database.Engine.SQLITE, List.of(scripts.get(0),
                new SchemaMigrations.Migration(3, "V3__three.sql", "CREATE TABLE three (a INT);")), Integer.MAX_VALUE);
        assertThat(history(catalog)).as("V3 recorded after the newer Sluice's V99").last().asString()
                .startsWith("3 3 V3__three.sql");

        List<SchemaMigrations.Migration> changed = List.of(
                new SchemaMigrations.Migration(1, "V1__one.sql", "CREATE TABLE one (a INT, b INT);"));
        assertThatThrownBy(() -> SchemaMigrations.migrate(catalog, Database.Engine.SQLITE, changed, Integer.MAX_VALUE))
                .hasMessageContaining("V1__one.sql").hasMessageContaining("disagree");
    }

    @Test
    void onPostgresNodesMigratingTogetherTakeTurnsAndFlywayValidatesTheResult() throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.start()) {
            URI url = URI.create(pg.url());
            PGSimpleDataSource catalog = new PGSimpleDataSource();
            catalog.setUrl("jdbc:postgresql://" + url.getHost() + ":" + url.getPort() + url.getPath());
            catalog.setUser(url.getUserInfo());
            ExecutorService nodes = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> started = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    started.add(nodes.submit(() -> SchemaMigrations.migrate(catalog, Database.Engine.POSTGRESQL)));
                }
                for (Future<?> node : started) {
                    node.get();
                }
            } finally {
                nodes.shutdown();
            }
            assertThat(history(catalog)).hasSize(SchemaMigrations.available(Database.Engine.POSTGRESQL).size());
            flyway(catalog, "postgresql").validate();
        }
    }
}
