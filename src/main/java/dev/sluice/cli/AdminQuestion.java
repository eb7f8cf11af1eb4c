package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A question whose answer is printed as the server's JSON, or as a table of one of its lists. */
abstract class AdminQuestion implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json|csv",
            description = "A table, the server's JSON answer, or CSV (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    AdminClient client;

    abstract String path();

    /** The list of the answer printed as rows, and its columns (a name ending in # is a number). */
    abstract String rows();

    abstract String[] columns();

    abstract String[] cells(JsonNode row);

    @Override
    public Integer call() throws Exception {
        ReportTable.print(spec, format, () -> client.send("GET", path()), rows(), columns(), this::cells);
        return 0;
    }
}
