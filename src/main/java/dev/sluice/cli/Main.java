package dev.sluice.cli;

import picocli.CommandLine;

/** Entry point of {@code java -jar sluice.jar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code: 0 done, 1 failed, 2 wrong usage. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SluiceCommand());
        // One clear line for a usage mistake, not the whole help text.
        cli.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println("sluice: " + ex.getMessage() + " (see '" + failed.getCommandSpec().qualifiedName()
                    + " --help')");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            failed.getErr().println("sluice: " + ex.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli;
    }
}
