package dev.sluice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A {@code show ID} command: asks the server for one thing by its id and prints its JSON answer indented. */
abstract class AdminShow implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Mixin
    AdminClient client;

    /** The path the thing is at, its id included. */
    abstract String path();

    @Override
    public Integer call() throws Exception {
        ReportTable.printJson(spec, client.send("GET", path()));
        return 0;
    }
}
