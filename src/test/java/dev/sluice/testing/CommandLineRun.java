package dev.sluice.testing;

import dev.sluice.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the sluice command line in this JVM: its exit code and what it wrote to stdout and stderr. */
public record CommandLineRun(int exitCode, String out, String err) {
    public static CommandLineRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandLineRun(code, out.toString(), err.toString());
    }
}
