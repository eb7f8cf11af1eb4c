package dev.sluice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice delete}: remove a release or a file for good; its filenames can never be used again. */
@Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = {"Delete a hosted release, or one file of it, for good (prefer yank).",
            "This cannot be undone, and the deleted filenames can never be uploaded again: a filename always means the same bytes."})
final class DeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ReleaseTarget target;

    @Option(names = "--yes", description = "Confirm that the deletion is meant.")
    boolean confirmed;

    @Mixin
    AdminClient client;

    @Override
    public Integer call() throws Exception {
        String path = target.path(spec.commandLine());
        if (!confirmed) {
            throw new ParameterException(spec.commandLine(), "deleting " + target.describe()
                    + " is permanent and burns its filenames: add --yes to confirm (or yank it instead)");
        }
        client.send("DELETE", path);
        spec.commandLine().getOut().println("Deleted " + target.describe());
        return 0;
    }
}
