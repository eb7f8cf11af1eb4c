package dev.sluice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice unyank}: undo a yank. */
@Command(name = "unyank", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "Unyank a hosted release, or one file of it.")
final class UnyankCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ReleaseTarget target;

    @Mixin
    AdminClient client;

    @Override
    public Integer call() throws Exception {
        client.send("POST", target.path(spec.commandLine()) + "/unyank");
        spec.commandLine().getOut().println("Unyanked " + target.describe());
        return 0;
    }
}
