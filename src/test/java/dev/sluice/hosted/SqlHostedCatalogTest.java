package dev.sluice.hosted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.index.DistributionFile;
import dev.sluice.pep.Version;
import dev.sluice.store.Database;
import dev.sluice.store.SchemaMigrations;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Slots: one file per wheel build and tag set and one sdist per release, also for files stored before slots existed. */
class SqlHostedCatalogTest {
    @TempDir
    Path dir;

    private static DistributionFile wheel(String filename, String version) {
        return new DistributionFile(filename, version, "bdist_wheel", "py3", 10, "a".repeat(64), "b".repeat(32), "c".repeat(64),
                null, false, null, Instant.now().truncatedTo(ChronoUnit.MICROS), false, null);
    }

    @Test
    void filesStoredBeforeSlotsAreGivenTheirsAndGuardTheirOtherSpellings() {
        Path file = dir.resolve("old.db");
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + file);
        SchemaMigrations.migrate(sqlite, Database.Engine.SQLITE, 7);
        org.jdbi.v3.core.Jdbi.create(sqlite).useHandle(h -> {
            h.execute("INSERT INTO project (name, display_name, last_serial, created_micros) VALUES ('imm-pkg', 'imm_pkg', 1, 0)");
            h.execute("INSERT INTO project_release (project, version, metadata_json, created_micros) VALUES ('imm-pkg', '1.0', '{}', 0)");
            h.execute("INSERT INTO distribution_file (filename, project, version, packagetype, python_version, size, sha256, md5,"
                    + " blake2b_256, upload_micros, yanked) VALUES ('imm_pkg-1.0-py3-none-any.whl', 'imm-pkg', '1.0', 'bdist_wheel',"
                    + " 'py3', 10, '" + "a".repeat(64) + "', '" + "b".repeat(32) + "', '" + "c".repeat(64) + "', 0, FALSE)");
            h.execute("INSERT INTO burned_filename (filename, project, burned_micros) VALUES ('imm_pkg-0.9.tar.gz', 'imm-pkg', 0)");
        });

        try (Database database = Database.openSqlite(file)) {
            SqlHostedCatalog catalog = new SqlHostedCatalog(database.jdbi());
            String otherSpelling = dev.sluice.pep.DistributionFilename.parse("imm_pkg-1.0.0-py3-none-any.whl").slot();
            assertThat(catalog.filenameState("imm-pkg", "imm_pkg-1.0.0-py3-none-any.whl", otherSpelling))
                    .isEqualTo(new HostedCatalog.FilenameState.Taken("imm-pkg", "imm_pkg-1.0-py3-none-any.whl", "a".repeat(64)));
            String zipOfDeleted = dev.sluice.pep.DistributionFilename.parse("imm_pkg-0.9.zip").slot();
            assertThat(catalog.filenameState("imm-pkg", "imm_pkg-0.9.zip", zipOfDeleted)).isInstanceOf(HostedCatalog.FilenameState.Burned.class);

            assertThat(catalog.releaseVersion("imm-pkg", Version.parse("1.0.0"))).as("joins release 1.0").isEqualTo("1.0");
            assertThatThrownBy(() -> catalog.publish(new HostedCatalog.NewDistribution("imm-pkg", "imm_pkg",
                    wheel("imm_pkg-1.0.0-py3-none-any.whl", "1.0"), otherSpelling, "{}", "mallory")))
                    .as("the database refuses it too, inside the transaction").isInstanceOf(FilenameUnavailableException.class);
            String cp311 = dev.sluice.pep.DistributionFilename.parse("imm_pkg-1.0-cp311-cp311-linux_x86_64.whl").slot();
            catalog.publish(new HostedCatalog.NewDistribution("imm-pkg", "imm_pkg", wheel("imm_pkg-1.0-cp311-cp311-linux_x86_64.whl", "1.0"),
                    cp311, "{}", "alice"));
            assertThat(catalog.files("imm-pkg")).hasSize(2);
        }
    }
}
