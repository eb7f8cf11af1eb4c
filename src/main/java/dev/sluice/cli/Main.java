package dev.sluice.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** Entry point of {@code java -jar sluice.jar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line and returns its exit code: 0 done, 1 failed, 2 wrong usage. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SluiceCommand());
        // Only the subcommand asked for, when one is: picocli builds a model of every subcommand it is given,
        // loading their classes (the admin client brings Jackson), a quarter of a second of every start.
        String asked = args.length > 0 ? args[0] : null;
        List<Class<?>> named = SluiceCommand.SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(CommandLine.Command.class).name().equals(asked)).toList();
        (named.isEmpty() ? SluiceCommand.SUBCOMMANDS : named).forEach(cli::addSubcommand);
        cli.setOut(out);
        cli.setErr(err);
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
        return cli.execute(args);
    }
}
