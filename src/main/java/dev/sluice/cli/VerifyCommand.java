package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice verify}: is every stored file still what the catalog says? */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "Check that every file the catalog names is stored with its sha256, and list stored blobs nothing names."
                + " Reads at a bounded rate while the server serves. Exits 1 when a blob is missing or damaged.")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--repair", description = "Take damaged blobs aside (to <data-dir>/quarantine/): a proxy's cached copy is"
            + " fetched again on the next request; a hosted or carried-in file is reported for restoring from a backup.")
    boolean repair;

    @Option(names = "--rate", paramLabel = "SIZE", defaultValue = "50MiB", converter = ByteSizeConverter.class,
            description = "The most read per second (default 50MiB; 0: as fast as the store gives).")
    long rate;

    @Mixin
    AdminClient client;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode r = client.sendForReport("/admin/verify?rate=" + rate + (repair ? "&repair=true" : ""), null, null,
                spec.commandLine().getErr(), p -> "checked " + p.get("blobs").asInt() + " of " + p.get("of").asInt() + " blobs, "
                        + BundleCommand.bytes(p.get("bytes").asLong()));
        for (String kind : new String[] {"missing", "damaged"}) {
            for (JsonNode p : r.get(kind)) {
                out.println(kind + " " + p.get("sha256").asText() + ", named by " + String.join("; ",
                        VulnerabilitiesCommand.texts(p.get("named_by"))));
                if (!p.get("repair").isNull()) {
                    out.println("  repair: " + p.get("repair").asText());
                }
            }
        }
        r.get("unreferenced").forEach(sha -> out.println("unreferenced " + sha.asText()));
        out.printf("%d blobs checked (%s) in %.1f s: %d missing, %d damaged, %d unreferenced%n", r.get("blobs").asInt(),
                BundleCommand.bytes(r.get("bytes").asLong()), r.get("seconds").asDouble(), r.get("missing").size(),
                r.get("damaged").size(), r.get("unreferenced").size());
        return r.get("missing").isEmpty() && r.get("damaged").isEmpty() ? 0 : 1;
    }
}
