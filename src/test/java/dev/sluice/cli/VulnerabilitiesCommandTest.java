package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.ServerSettings;
import dev.sluice.testing.CommandLineRun;
import dev.sluice.testing.SluiceHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice vulnerabilities}: a folder of real MAL- records imported through a running server, then asked about. */
class VulnerabilitiesCommandTest {
    @TempDir
    Path dir;

    @Test
    void importAFolderThenAskStatusListShowAndImpact() throws Exception {
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN))) {
            Path token = Files.writeString(dir.resolve("token"), SluiceHarness.TOKEN);
            String[] server = {"--server", sluice.base(), "--token-file", token.toString()};
            CommandLineRun imported = CommandLineRun.against(server, "vulnerabilities", "import", "src/test/data/osv/malicious-sample");
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("malicious-sample: 4 read, 4 added, 0 updated, 0 unchanged, 0 withdrawn, 0 skipped");

            CommandLineRun again = CommandLineRun.against(server, "vulnerabilities", "import", "src/test/data/osv/malicious-sample");
            assertThat(again.out()).contains("4 read, 0 added, 0 updated, 4 unchanged");

            assertThat(CommandLineRun.against(server, "vulnerabilities", "status").out()).contains("4 records (4 in force, 0 withdrawn, 4 malicious packages)")
                    .contains("last import");
            assertThat(CommandLineRun.against(server, "vulnerabilities", "list", "--project", "3web").out()).contains("MAL-2024-9933").contains("malicious");
            assertThat(CommandLineRun.against(server, "vulnerabilities", "show", "MAL-2024-9933").out()).contains("\"summary\" : \"Malicious code in 3web (PyPI)\"");
            assertThat(CommandLineRun.against(server, "vulnerabilities", "impact", "MAL-2024-9933").out()).contains("PROJECT").contains("(none)");

            Path broken = Files.write(dir.resolve("broken.zip"), new byte[] {'P', 'K', 3, 4, 1, 2});
            CommandLineRun failed = CommandLineRun.against(server, "vulnerabilities", "import", broken.toString());
            assertThat(failed.exitCode()).isEqualTo(1);
            assertThat(failed.err()).contains("nothing was imported").contains("not a readable zip");
        }
    }
}
