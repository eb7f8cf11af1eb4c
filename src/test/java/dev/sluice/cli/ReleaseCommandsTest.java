package dev.sluice.cli;

import dev.sluice.testing.CommandLineRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.Multipart;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sluice yank / unyank / delete against a running server's admin API. */
class ReleaseCommandsTest {
    @TempDir
    Path dir;

    @Test
    void yankUnyankAndDeleteAReleaseAndAFile() throws Exception {
        try (SluiceHarness sluice = SluiceHarness.start(dir.resolve("data"))) {
            Path files = Files.createDirectories(dir.resolve("files"));
            sluice.upload(Multipart.twineLike(Wheels.wheel(files, "cli-demo", "1.0"), "cli-demo", "1.0"));
            sluice.upload(Multipart.twineLike(Wheels.wheel(files, "cli-demo", "2.0"), "cli-demo", "2.0"));
            Path token = Files.writeString(dir.resolve("token"), SluiceHarness.TOKEN + "\n");
            String[] server = {"--server", sluice.base(), "--token-file", token.toString()};

            CommandLineRun yank = CommandLineRun.of(concat(new String[] {"yank", "CLI_Demo", "1.0", "--reason", "use 2.0 + later"}, server));
            assertThat(yank.exitCode()).as(yank.err()).isZero();
            assertThat(yank.out()).isEqualTo("Yanked CLI_Demo 1.0 (use 2.0 + later)\n");
            assertThat(sluice.get("/simple/cli-demo/", "Accept", "text/html").body()).contains("data-yanked=\"use 2.0 + later\"");

            assertThat(CommandLineRun.of(concat(new String[] {"unyank", "cli-demo", "1.0"}, server)).exitCode()).isZero();
            assertThat(sluice.get("/simple/cli-demo/", "Accept", "text/html").body()).doesNotContain("data-yanked");

            CommandLineRun unconfirmed = CommandLineRun.of(concat(new String[] {"delete", "cli-demo", "--file", "cli_demo-2.0-py3-none-any.whl"}, server));
            assertThat(unconfirmed.exitCode()).isEqualTo(2);
            assertThat(unconfirmed.err()).contains("add --yes to confirm");
            CommandLineRun delete = CommandLineRun.of(concat(new String[] {"delete", "cli-demo", "--file", "cli_demo-2.0-py3-none-any.whl", "--yes"}, server));
            assertThat(delete.exitCode()).as(delete.err()).isZero();
            assertThat(sluice.get("/simple/cli-demo/", "Accept", "text/html").body()).doesNotContain("cli_demo-2.0");

            CommandLineRun missing = CommandLineRun.of(concat(new String[] {"yank", "cli-demo", "9.9"}, server));
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.err()).startsWith("sluice: the server answered 404");

            CommandLineRun claim = CommandLineRun.of(concat(new String[] {"name", "claim", "Claimed_Name"}, server));
            assertThat(claim.exitCode()).as(claim.err()).isZero();
            assertThat(claim.out()).isEqualTo("Claimed Claimed_Name: its first upload will be hosted here\n");
            CommandLineRun unconfirmedRelease = CommandLineRun.of(concat(new String[] {"name", "release", "cli-demo"}, server));
            assertThat(unconfirmedRelease.exitCode()).isEqualTo(2);
            assertThat(unconfirmedRelease.err()).contains("add --yes to confirm");
            CommandLineRun release = CommandLineRun.of(concat(new String[] {"name", "release", "cli-demo", "--yes"}, server));
            assertThat(release.exitCode()).as(release.err()).isZero();
            assertThat(sluice.get("/simple/cli-demo/").statusCode()).as("no longer hosted").isEqualTo(404);
            assertThat(CommandLineRun.of(concat(new String[] {"name", "release", "never-hosted", "--yes"}, server)).err())
                    .contains("the server answered 404");

            Path wrong = Files.writeString(dir.resolve("wrong"), "sluice_not_the_token\n");
            CommandLineRun refused = CommandLineRun.of("yank", "cli-demo", "1.0", "--server", sluice.base(), "--token-file", wrong.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("the server answered 401");
        }
    }

    @Test
    void aTargetIsAVersionOrAFile() {
        CommandLineRun neither = CommandLineRun.of("yank", "demo");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("name a VERSION or a --file, not both or neither");
        CommandLineRun unreachable = CommandLineRun.of("yank", "demo", "1.0", "--server", "http://127.0.0.1:9", "--token-file", "/dev/null");
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err()).contains("cannot reach http://127.0.0.1:9");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
