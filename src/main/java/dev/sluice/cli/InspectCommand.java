package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice inspect --all}: judges every stored distribution the current rules have not judged. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "Inspect every distribution a running server stores (hosted and cached) that the current rules have"
                + " not judged yet: after an upgrade that changed the rules, or for files cached before the inspection"
                + " came. Resumable: run it again after an interruption and it goes on where it stopped (admin token needed).")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--all", required = true, description = "Every stored distribution (the only scope there is).")
    boolean all;

    @Option(names = "--force", description = "Judge again files the current rules judged already.")
    boolean force;

    @Mixin
    AdminClient client;

    @Override
    public Integer call() throws Exception {
        if (!all) {
            throw new ParameterException(spec.commandLine(), "--all is required");
        }
        PrintWriter out = spec.commandLine().getOut();
        JsonNode r = client.sendForReport("/admin/inspect" + (force ? "?force=true" : ""), null, null, spec.commandLine().getErr(),
                progress -> "inspected " + progress.get("done").asInt() + " of " + progress.get("total").asInt() + " files");
        out.printf("%d files: %d inspected (%d clean, %d suspicious, %d malicious), %d already current, %d failed, in %.1f s%n",
                r.get("files").asInt(), r.get("inspected").asInt(), r.get("clean").asInt(), r.get("suspicious").asInt(),
                r.get("malicious").asInt(), r.get("current").asInt(), r.get("failed").asInt(), r.get("seconds").asDouble());
        r.get("failures").forEach(f -> out.println("failed " + f.asText()));
        return r.get("failed").asInt() == 0 ? 0 : 1;
    }
}
