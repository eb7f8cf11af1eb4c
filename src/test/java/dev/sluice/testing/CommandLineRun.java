package dev.sluice.testing;

import dev.sluice.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the sluice command line in this JVM: its exit code and what it wrote to stdout and stderr. */
public record CommandLineRun(int exitCode, String out, String err) {
    /** Runs a command against a server: {@code server} holds the options naming it (--server, --token-file), put last. */
    public static CommandLineRun against(String[] server, String... args) {
        String[] all = new String[args.length + server.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(server, 0, all, args.length, server.length);
        return of(all);
    }

    public static CommandLineRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandLineRun(code, out.toString(), err.toString());
    }
}
