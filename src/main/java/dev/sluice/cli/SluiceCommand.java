package dev.sluice.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice}: the top-level command; it only dispatches to subcommands. */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "A Python package repository: hosted packages, a PyPI proxy, and the gates between them.")
final class SluiceCommand implements Runnable {
    /** The subcommands, in the order the help lists them (added by {@link Main}). */
    static final List<Class<?>> SUBCOMMANDS = List.of(ServeCommand.class, ConfigCommand.class, AdminCommand.class,
            UserCommand.class, TokenCommand.class, UsageCommand.class, VulnerabilitiesCommand.class, FindingsCommand.class,
            InspectCommand.class, ModerationCommand.class, YankCommand.class, UnyankCommand.class, DeleteCommand.class, NameCommand.class,
            MigrateCommand.class, BundleCommand.class, VerifyCommand.class, GcCommand.class,
            BackupCommand.class, RestoreCommand.class, AotTrainingCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required, such as 'serve'");
    }
}
