package dev.sluice.cli;

import dev.sluice.store.Backup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice restore}: a backup into an empty data directory, with no server running. */
@Command(name = "restore", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = {"Restore what `sluice backup` wrote into an empty data directory: every file checked against its"
                + " sha256 as it is copied, the catalog put in place last. Then start Sluice on that data directory.",
            "For PostgreSQL and S3, restore into a data directory, then `sluice migrate` it there."})
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "DIR", required = true, description = "The backup folder.")
    Path from;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "sluice-data",
            description = "The data directory to restore into; empty or not there (default: ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Backup.Report r = Backup.restore(from, dataDirectory, line -> {
            err.println(line);
            err.flush();
        });
        out.printf("restored %s into %s: catalog, %d blobs (%s), files: %s%n", from, dataDirectory, r.blobs(),
                BundleCommand.bytes(r.bytesCopied()), String.join(", ", r.files()));
        return 0;
    }
}
