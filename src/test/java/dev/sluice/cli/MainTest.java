package dev.sluice.cli;

import dev.sluice.testing.CommandLineRun;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void everyCommandHasHelp() {
        CommandLineRun top = CommandLineRun.of("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).contains("Usage: sluice", "serve")
                .as("the build's training run is not a command for users").doesNotContain("aot-training");
        CommandLineRun serve = CommandLineRun.of("serve", "--help");
        assertThat(serve.exitCode()).isZero();
        assertThat(serve.out().replaceAll("\\s+", " ")).contains("--host", "default: 127.0.0.1", "--port", "default: 8080",
                "--data-dir", "default: sluice-data", "--upstream", "Default: https://pypi.org/simple/", "--cooldown", "--reserve");
    }

    @Test
    void everyCommandsFirstLineIsAWholeSentenceSinceCommandListsShowOnlyThatLine() {
        java.util.List<String> cut = new java.util.ArrayList<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(new picocli.CommandLine(new SluiceCommand())));
        while (!todo.isEmpty()) {
            picocli.CommandLine command = todo.pop();
            String[] description = command.getCommandSpec().usageMessage().description();
            if (description.length > 0 && !description[0].strip().matches(".*[.)]$")) {
                cut.add(command.getCommandSpec().qualifiedName() + ": " + description[0]);
            }
            todo.addAll(command.getSubcommands().values());
        }
        assertThat(cut).isEmpty();
    }

    @Test
    void anUnreachableServerIsNamedWithTheCause() {
        CommandLineRun refused = CommandLineRun.of("user", "list", "--server", "http://127.0.0.1:9", "--token-file", "/dev/null");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("cannot reach http://127.0.0.1:9: connection refused").doesNotContain("null");
    }

    @Test
    void printsItsVersion() {
        CommandLineRun version = CommandLineRun.of("--version");
        assertThat(version.exitCode()).isZero();
        // the build records the commit (git describe); from classes the version is "development"
        assertThat(version.out().strip()).matches("sluice (development|\\S+) \\(commit [0-9a-f]{12,40}(-dirty)?\\)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "serve --bogus|sluice: Unknown option: '--bogus' (see 'sluice serve --help')",
        "serve --port abc|sluice: Invalid value for option '--port': 'abc' is not an int (see 'sluice serve --help')",
        "serve --port 70000|sluice: Invalid value for option '--port': 70000 is not between 0 and 65535 (see 'sluice serve --help')",
        "serve --port -1|sluice: Invalid value for option '--port': -1 is not between 0 and 65535 (see 'sluice serve --help')",
        "launch|sluice: Unmatched argument at index 0: 'launch' (see 'sluice --help')",
        "''|sluice: a command is required, such as 'serve' (see 'sluice --help')",
        "serve --upstream ftp://example.org/simple/|sluice: Invalid value for option '--upstream': 'ftp://example.org/simple/' is not an http(s) URL of a simple index (see 'sluice serve --help')",
        "serve --upstream-page-ttl soon|sluice: Invalid value for option '--upstream-page-ttl': 'soon' is not a duration such as 30s, 10m, 2h or 7d (see 'sluice serve --help')",
        "serve --upstream-proxy nocolon|sluice: Invalid value for option '--upstream-proxy': 'nocolon' is not HOST:PORT (see 'sluice serve --help')",
        "serve --reserve bad!name|sluice: Invalid value for option '--reserve': 'bad!name' is not a project name or a prefix such as acme-* (see 'sluice serve --help')",
        "serve --allow numpy[extra]>=1|sluice: Invalid value for option '--allow': 'numpy[extra]>=1' may only name a project and a version range (see 'sluice serve --help')",
        "serve --deny bad!!name|sluice: Invalid value for option '--deny': 'bad!!name' is not a project name, a glob, or a name with a version range such as numpy>=1.26,<3 (see 'sluice serve --help')",
        "serve --max-upload-size lots|sluice: Invalid value for option '--max-upload-size': 'lots' is not a size such as 500000, 100MiB or 2GiB (see 'sluice serve --help')"})
    void aUsageMistakeIsOneClearLineAndExitCodeTwo(String args, String message) {
        CommandLineRun result = CommandLineRun.of(args.isEmpty() ? new String[0] : args.split(" "));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).containsExactly(message);
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefused() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("not-a-dir", "");
        CommandLineRun result = CommandLineRun.of("serve", "--port", "0", "--data-dir", file.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("exists and is not a directory");
        java.nio.file.Files.delete(file);
    }
}
