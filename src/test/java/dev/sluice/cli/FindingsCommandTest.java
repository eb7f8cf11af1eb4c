package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.ServerSettings;
import dev.sluice.testing.CommandLineRun;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice findings} and {@code sluice inspect --all} against a running server: a refused malicious upload and
 * an accepted suspicious one are listed, shown with their evidence, released or kept with a reason; inspect --all
 * skips what the current rules judged and judges everything again with --force.
 */
class FindingsCommandTest {
    @TempDir
    Path dir;

    @Test
    void listShowReleaseKeepAndInspectAll() throws Exception {
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN))) {
            Path token = Files.writeString(dir.resolve("token"), SluiceHarness.TOKEN);
            String[] server = {"--server", sluice.base(), "--token-file", token.toString()};
            Path files = Files.createDirectories(dir.resolve("files"));
            Path clean = Wheels.wheel(files, "tidy", "1.0");
            Path suspicious = Wheels.wheelWith(files, "reporter", "1.0",
                    Map.of("reporter_send.py", "URL = 'https://hooks.slack.com/services/T000/B000/example'\n"));
            Path malicious = Wheels.wheelWith(files, "loader", "1.0",
                    Map.of("loader_boot.py", "import base64\nexec(base64.b64decode('cHJpbnQoImhhcm1sZXNzIik='))\n"));
            assertThat(sluice.upload(Multipart.twineLike(clean, "tidy", "1.0")).statusCode()).isEqualTo(200);
            assertThat(sluice.upload(Multipart.twineLike(suspicious, "reporter", "1.0")).statusCode()).isEqualTo(200);
            assertThat(sluice.upload(Multipart.twineLike(malicious, "loader", "1.0")).statusCode()).isEqualTo(403);

            CommandLineRun list = CommandLineRun.against(server, "findings", "list");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains("VERDICT").contains("loader-1.0-py3-none-any.whl").contains("reporter-1.0-py3-none-any.whl")
                    .doesNotContain("tidy-1.0");
            CommandLineRun maliciousOnly = CommandLineRun.against(server, "findings", "list", "--verdict", "malicious", "--format", "csv");
            assertThat(maliciousOnly.out().lines()).hasSize(2); // the header and the refused upload
            String id = maliciousOnly.out().lines().skip(1).findFirst().orElseThrow().split(",")[0];
            assertThat(id).hasSize(12);

            CommandLineRun show = CommandLineRun.against(server, "findings", "show", id);
            assertThat(show.out()).contains("verdict malicious").contains("encoded-exec").contains("loader_boot.py:2")
                    .contains("exec(base64.b64decode(").contains("inspected");
            CommandLineRun unknown = CommandLineRun.against(server, "findings", "show", "00000000");
            assertThat(unknown.exitCode()).isNotZero();
            assertThat(unknown.err()).contains("no judged file is named '00000000'");

            CommandLineRun released = CommandLineRun.against(server, "findings", "release", id, "--reason", "reviewed: prints a word");
            assertThat(released.out()).contains("loader-1.0-py3-none-any.whl (" + id + "): released by admin");
            assertThat(CommandLineRun.against(server, "findings", "show", id).out()).contains("released by admin").contains("reviewed: prints a word");
            String reporter = CommandLineRun.against(server, "findings", "list", "--project", "reporter", "--format", "csv").out().lines().skip(1)
                    .findFirst().orElseThrow().split(",")[0];
            assertThat(CommandLineRun.against(server, "findings", "keep", reporter, "--reason", "looked: a test hook").out()).contains("kept by admin");
            assertThat(CommandLineRun.against(server, "findings", "release", reporter).err()).contains("--reason");

            CommandLineRun current = CommandLineRun.against(server, "inspect", "--all");
            assertThat(current.exitCode()).as(current.err()).isZero();
            assertThat(current.out()).contains("2 files: 0 inspected (0 clean, 0 suspicious, 0 malicious), 2 already current, 0 failed");
            CommandLineRun forced = CommandLineRun.against(server, "inspect", "--all", "--force");
            assertThat(forced.out()).contains("2 files: 2 inspected (1 clean, 1 suspicious, 0 malicious), 0 already current, 0 failed");
            assertThat(CommandLineRun.against(server, "findings", "show", reporter).out()).as("the same verdict keeps its decision")
                    .contains("kept by admin");
        }
    }
}
