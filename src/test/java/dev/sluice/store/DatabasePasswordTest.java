package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.PrivatePostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog's password from the URL, the environment or a file, against a server that checks it (SCRAM). */
class DatabasePasswordTest {
    @TempDir
    Path dir;

    @Test
    void thePasswordComesFromAFileTheEnvironmentOrTheUrlAndIsNeverShown() throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.start()) {
            String url = pg.createPasswordUser("catalog_owner", "s3cret-pw");
            Path secret = Files.writeString(dir.resolve("db-password"), "s3cret-pw\n");
            try (Database fromFile = Database.openPostgres(url, Map.of("SLUICE_DATABASE_PASSWORD_FILE", secret.toString()))) {
                assertThat(fromFile.problem()).isNull();
            }
            try (Database fromEnvironment = Database.openPostgres(url, Map.of("SLUICE_DATABASE_PASSWORD", "s3cret-pw"))) {
                assertThat(fromEnvironment.problem()).isNull();
            }
            String inUrl = url.replace("catalog_owner@", "catalog_owner:s3cret-pw@");
            try (Database fromUrl = Database.openPostgres(inUrl, Map.of())) {
                assertThat(fromUrl.problem()).isNull();
            }
            Path wrong = Files.writeString(dir.resolve("wrong"), "guess\n");
            assertThatThrownBy(() -> Database.openPostgres(url, Map.of("SLUICE_DATABASE_PASSWORD_FILE", wrong.toString())).close())
                    .hasMessageContaining("password authentication failed").satisfies(e -> assertThat(e.toString()).doesNotContain("guess"));
            assertThatThrownBy(() -> Database.openPostgres(url, Map.of("SLUICE_DATABASE_PASSWORD_FILE", dir.resolve("none").toString())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SLUICE_DATABASE_PASSWORD_FILE")
                    .hasMessageContaining("cannot be read");
        }
    }
}
