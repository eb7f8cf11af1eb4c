package dev.sluice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice name claim|release}: hosted names that an outside source (PyPI, a directory) also serves. */
@Command(name = "name", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = {"Claim a name an outside source serves, or release a hosted name (admin token needed).",
            "A claimed name's first upload may host it; a released name is served by the outside source again."},
        subcommands = {NameCommand.Claim.class, NameCommand.Release.class})
final class NameCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required, such as 'claim'");
    }

    @Command(name = "claim", mixinStandardHelpOptions = true,
            description = "Claim a project name for the organisation: its first upload may then hide the outside's project.")
    static final class Claim implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PROJECT", description = "The project, in any spelling of its name.")
        String project;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            client.send("POST", "/admin/projects/" + AdminClient.segment(project) + "/claim");
            spec.commandLine().getOut().println("Claimed " + project + ": its first upload will be hosted here");
            return 0;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = {"Release a hosted name: the outside source serves it again.",
                "Every hosted file of it is deleted (its filenames stay burned)."})
    static final class Release implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PROJECT", description = "The project, in any spelling of its name.")
        String project;

        @Option(names = "--yes", description = "Confirm that deleting every hosted file of the project is meant.")
        boolean confirmed;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            if (!confirmed) {
                throw new ParameterException(spec.commandLine(), "releasing " + project + " deletes every hosted file of it"
                        + " for good: add --yes to confirm");
            }
            client.send("DELETE", "/admin/projects/" + AdminClient.segment(project));
            spec.commandLine().getOut().println("Released " + project + ": the outside serves it again");
            return 0;
        }
    }
}
