package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.CommandLineRun;
import dev.sluice.testing.SluiceHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice admin create}, {@code sluice user ...} and {@code sluice token ...} against a running server. */
class AccountCommandsTest {
    @TempDir
    Path dir;

    @Test
    void bootstrapAnAdminThenManageUsersAndTokensThroughTheServer() throws Exception {
        Path data = dir.resolve("data");
        Path password = Files.writeString(dir.resolve("password"), "root-password-123\n");
        try (SluiceHarness sluice = SluiceHarness.start(data)) {
            // the catalog the server runs on: its data directory's file, or PostgreSQL in a -Dsluice.catalog=postgresql run
            String catalog = sluice.sluice().settings().database();
            CommandLineRun created = catalog == null ? CommandLineRun.of("admin", "create", "Root", "--data-dir", data.toString(),
                    "--password-file", password.toString()) : CommandLineRun.of("admin", "create", "Root", "--database", catalog,
                    "--password-file", password.toString());
            assertThat(created.exitCode()).as(created.err()).isZero();
            assertThat(created.out()).startsWith("Created the admin account 'root'. Its admin API token, shown only now");
            String adminToken = created.out().lines().reduce((a, b) -> b).orElseThrow();
            assertThat(adminToken).matches("sluice_[0-9a-f]{64}");
            Path tokenFile = Files.writeString(dir.resolve("root-token"), adminToken);
            String server = sluice.base();

            assertThat((catalog == null ? CommandLineRun.of("admin", "create", "root", "--data-dir", data.toString())
                    : CommandLineRun.of("admin", "create", "root", "--database", catalog)).err())
                    .contains("an account named 'root' exists already");
            Path alicePassword = Files.writeString(dir.resolve("alice-password"), "alice-password-123\n");
            CommandLineRun added = CommandLineRun.of("user", "add", "alice", "--password-file", alicePassword.toString(),
                    "--server", server, "--token-file", tokenFile.toString());
            assertThat(added.out().strip()).as(added.err()).isEqualTo("Created the account 'alice'");
            CommandLineRun list = CommandLineRun.of("user", "list", "--server", server, "--token-file", tokenFile.toString());
            assertThat(list.out()).contains("alice").contains("root").contains("admin");

            CommandLineRun token = CommandLineRun.of("token", "create", "--user", "alice", "--scope", "upload:project=acme-utils",
                    "--expires", "30d", "--description", "CI", "--server", server, "--token-file", tokenFile.toString());
            assertThat(token.exitCode()).as(token.err()).isZero();
            assertThat(token.out().strip()).matches("sluice_[0-9a-f]{64}");
            assertThat(token.err()).contains("for 'alice' with [\"upload:project=acme-utils\"]");
            CommandLineRun tokens = CommandLineRun.of("token", "list", "--user", "alice", "--server", server, "--token-file",
                    tokenFile.toString());
            String id = tokens.out().strip().split(" ")[0];
            assertThat(tokens.out()).contains("upload:project=acme-utils").doesNotContain(token.out().strip());
            assertThat(CommandLineRun.of("token", "revoke", id, "--server", server, "--token-file", tokenFile.toString()).out())
                    .contains("Revoked token " + id);
            assertThat(CommandLineRun.of("token", "list", "--user", "alice", "--server", server, "--token-file",
                    tokenFile.toString()).out()).contains("REVOKED");

            CommandLineRun refused = CommandLineRun.of("user", "add", "mallory", "--server", server, "--token-file",
                    Files.writeString(dir.resolve("alice-token"), token.out().strip()).toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("the server answered 401");
            assertThat(CommandLineRun.of("user", "disable", "alice", "--server", server, "--token-file", tokenFile.toString()).out())
                    .contains("Disabled 'alice'");
        }
    }
}
