package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.CommandLineRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice config check} and {@code serve --config} on good and bad files. */
class ConfigCommandTest {
    private static final String GOOD = """
            [sources.local]
            type = "hosted"
            [sources.pypi]
            type = "proxy"
            url = "https://pypi.org/simple/"
            [gates.main]
            type = "first-owner"
            sources = ["local", "pypi"]
            [routes.main]
            path = "/simple/"
            serve = "main"
            """;

    @TempDir
    Path dir;

    @Test
    void aValidFileIsSummarised() throws Exception {
        Path file = Files.writeString(dir.resolve("sluice.toml"), GOOD);
        CommandLineRun run = CommandLineRun.of("config", "check", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo(file + ": valid: 2 sources, 1 gates, routes /simple/ -> main");
    }

    @Test
    void everyProblemIsPrintedAndTheExitCodeIsOne() throws Exception {
        Path file = Files.writeString(dir.resolve("sluice.toml"), GOOD.replace("\"pypi\"]", "\"pipy\"]").replace("type = \"hosted\"",
                "type = \"hosted\"\ncolour = \"blue\""));
        CommandLineRun run = CommandLineRun.of("config", "check", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(
                file + ":3: sources.local.colour: unknown key; expected type",
                file + ":9: gates.main.sources: no source or gate is named 'pipy' (did you mean 'pypi'?)",
                file + ": 2 problems");
        CommandLineRun missing = CommandLineRun.of("config", "check", dir.resolve("nothing.toml").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nothing.toml: cannot be read: no such file");
    }

    @Test
    void serveRefusesABadFileAndGraphOptionsBesideAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("sluice.toml"), GOOD.replace("serve = \"main\"", "serve = \"nain\""));
        CommandLineRun bad = CommandLineRun.of("serve", "--port", "0", "--data-dir", dir.resolve("data").toString(),
                "--config", file.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err().lines()).containsExactly(
                file + ":11: routes.main.serve: no source or gate is named 'nain' (did you mean 'main'?)",
                "sluice: " + file + " has 1 problem; nothing was started");
        assertThat(dir.resolve("data")).as("nothing was created either").doesNotExist();

        CommandLineRun both = CommandLineRun.of("serve", "--config", file.toString(), "--upstream", "https://example.org/simple/");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err().strip()).isEqualTo("sluice: '--upstream' cannot be used with '--config': declare sources and gates in "
                + file + " (see 'sluice serve --help')");
    }
}
