package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice gc}: remove stored bytes nothing names any more. */
@Command(name = "gc", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "Remove the stored blobs no catalog row names (a lost upload race, a deleted file's bytes), once they"
                + " are older than the grace period, so that an upload in flight is never touched.")
final class GcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "List what would be removed; remove nothing.")
    boolean dryRun;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "1d",
            description = "Leave blobs stored more recently than this (default 1d, at least 1h).")
    String grace;

    @Mixin
    AdminClient client;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode r = UserCommand.JSON.readTree(client.send("POST", "/admin/gc?grace=" + AdminClient.segment(grace)
                + (dryRun ? "&dry_run=true" : "")));
        r.get("removed").forEach(sha -> out.println((dryRun ? "would remove " : "removed ") + sha.asText()));
        out.printf("%d unreferenced blob(s) %s; %d stored within %s left alone (%.1f s)%n", r.get("removed").size(),
                dryRun ? "to remove (dry run)" : "removed", r.get("recent_left").asInt(), grace, r.get("seconds").asDouble());
        return 0;
    }
}
