package dev.sluice.cli;

import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigReader;
import dev.sluice.config.GraphConfig;
import dev.sluice.config.NodeConfig;
import dev.sluice.config.SluiceConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice config check FILE}: the problems of a config file, each as file:line: key: message. */
@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "Work with sluice.toml files.", subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required, such as 'check'");
    }

    @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
            description = {"Check a config file as 'serve --config' would, without starting anything.",
                "Exit status: 0 valid, 1 problems found (each printed as file:line: key: message)."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The sluice.toml to check.")
        Path file;

        @Override
        public Integer call() {
            SluiceConfig config;
            try {
                config = ConfigReader.read(file);
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                spec.commandLine().getErr().println(file + ": " + e.errors().size() + (e.errors().size() == 1 ? " problem" : " problems"));
                return 1;
            }
            GraphConfig graph = config.graph();
            long sources = graph.nodes().values().stream().filter(NodeConfig::isSource).count();
            spec.commandLine().getOut().println(file + ": valid: " + sources + (sources == 1 ? " source, " : " sources, ")
                    + (graph.nodes().size() - sources) + " gates, routes "
                    + String.join(" ", graph.routes().stream().map(r -> r.path() + " -> " + r.serve()).toList()));
            return 0;
        }
    }
}
