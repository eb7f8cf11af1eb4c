package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice backup}: the running server copies its catalog and files into a folder on its machine. */
@Command(name = "backup", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = {"Back up a running Sluice into a folder on the server's machine, while it serves: a snapshot of the"
                + " catalog (sluice.db), every stored file (blobs/, only the new ones when the folder holds an earlier"
                + " backup) and the data directory's admin token and bundle signing key (files/).",
            "On PostgreSQL the catalog is not included: take it with pg_dump first, then run this for the files."},
        footer = {"", "Restore with: sluice restore --from DIR --data-dir NEW-DATA-DIR"})
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--to", paramLabel = "DIR", required = true,
            description = "The folder (made owner-only; relative paths are taken from here, for a server on this machine).")
    Path to;

    @Mixin
    AdminClient client;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode r = client.sendForReport("/admin/backup?to=" + AdminClient.segment(to.toAbsolutePath().normalize().toString()),
                null, null, spec.commandLine().getErr(), p -> p.get("line").asText());
        out.printf("backed up to %s in %.1f s: catalog %s; %d blobs, %d copied (%s); files: %s%n", r.get("to").asText(),
                r.get("seconds").asDouble(), r.get("catalog").asText(), r.get("blobs").asLong(), r.get("copied").asLong(),
                BundleCommand.bytes(r.get("bytes_copied").asLong()), String.join(", ", VulnerabilitiesCommand.texts(r.get("files"))));
        return 0;
    }
}
