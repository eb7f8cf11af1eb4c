package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.bundle.BundleRefused;
import dev.sluice.bundle.Bundles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice bundle ...}: carry packages across an air gap, from a connected Sluice to a closed one. */
@Command(name = "bundle", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "Carry packages across an air gap: export what requirements need on a connected Sluice, import the"
                + " signed bundle on a closed one.",
        subcommands = {BundleCommand.Export.class, BundleCommand.Import.class, BundleCommand.Key.class, BundleCommand.Check.class})
final class BundleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: export, import, key or check");
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Resolve requirements for each target (every"
            + " --python with every --platform) on a route of the server and write a signed bundle of exactly those files,"
            + " with their index facts, core metadata and advisories. Nothing is written when a target cannot be resolved.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--route", required = true, paramLabel = "NAME", description = "The route to export from (its name in sluice.toml; the default graph's /simple/ is 'simple').")
        String route;

        @Option(names = {"-r", "--requirement"}, paramLabel = "FILE", description = "A requirements file (repeatable).")
        List<Path> requirements = new ArrayList<>();

        @Option(names = "--projects", paramLabel = "FILE", description = "Whole projects, one NAME[SPECIFIER] a line: every"
                + " file of the matching versions that installs on a target (no dependencies added).")
        Path projects;

        @Option(names = "--python", required = true, paramLabel = "X.Y", description = "CPython version of the targets (repeatable).")
        List<String> pythons;

        @Option(names = "--platform", required = true, paramLabel = "TAG", description = "Platform of the targets, such as"
                + " manylinux_2_28_x86_64 (which also takes older manylinux wheels) or win_amd64 (repeatable).")
        List<String> platforms;

        @Option(names = "--since", paramLabel = "SERIAL|TIME", description = "Also every file the route gained since: a serial"
                + " (every file of each project changed after it; the last export printed the serial to use next) or a time"
                + " (files uploaded since: 2026-12-01, an RFC 3339 time, or 30d back from now).")
        String since;

        @Option(names = "--allow-sdist", description = "Take a version's sdist where no wheel of it fits a target (its"
                + " dependencies must be in its core metadata: nothing is built).")
        boolean allowSdist;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The bundle to write (a tar).")
        Path output;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ObjectNode body = UserCommand.JSON.createObjectNode().put("route", route).put("allow_sdist", allowSdist);
            body.put("requirements", read(requirements));
            if (projects != null) {
                body.put("projects", read(List.of(projects)));
            }
            if (since != null) {
                body.put("since", since);
            }
            ArrayNode targets = body.putArray("targets");
            for (String python : pythons) {
                for (String platform : platforms) {
                    targets.addObject().put("python", python).put("platform", platform);
                }
            }
            Path partial = output.resolveSibling(output.getFileName() + ".part");
            java.net.http.HttpHeaders headers;
            try (ReceivedBytes progress = new ReceivedBytes(partial, err)) {
                headers = client.download("/admin/bundles/export", body.toString(), partial, progress::start);
            }
            Bundles.Contents contents;
            try {
                contents = Bundles.check(partial);
            } catch (BundleRefused e) {
                err.println("sluice: the bundle the server sent is not whole (" + e.getMessage() + "); see the server's log."
                        + " It is left in " + partial);
                return 1;
            }
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            contents.files().forEach(f -> out.println("  " + f));
            out.printf("%s: %d files, %s, for %s; signed by %s%n", output, contents.files().size(), bytes(contents.bytes()),
                    String.join(", ", contents.targets()), contents.exporter());
            headers.firstValue("X-Sluice-Bundle-Plan-Millis").ifPresent(ms -> out.println("resolved and planned in " + ms + " ms"));
            if (contents.routeSerial() >= 0) {
                out.println("the route's serial was " + contents.routeSerial() + ": export with --since " + contents.routeSerial()
                        + " next time to carry only what changed after this bundle");
            }
            return 0;
        }

        private String read(List<Path> files) throws java.io.IOException {
            StringBuilder text = new StringBuilder();
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    throw new ParameterException(spec.commandLine(), "no such file: " + f);
                }
                text.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
            }
            return text.toString();
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Verify a bundle whole (signature by a trusted"
            + " key, every member's sha256) and take it into a source of type \"bundle\". A bundle that fails any check"
            + " changes nothing. Importing the same bundle again adds nothing.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "BUNDLE")
        Path bundle;

        @Option(names = "--into", required = true, paramLabel = "SOURCE", description = "The bundle source to import into.")
        String into;

        @Option(names = "--allow-unsigned", description = "Take an unsigned bundle (only where [bundles] allow-unsigned = true).")
        boolean allowUnsigned;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(bundle)) {
                throw new ParameterException(spec.commandLine(), "no such file: " + bundle);
            }
            JsonNode r = client.sendForReport("/admin/bundles/import?into=" + AdminClient.segment(into)
                    + (allowUnsigned ? "&allow_unsigned=true" : ""), bundle, "application/x-tar", err,
                    progress -> "verified " + progress.get("members").asInt() + " of " + progress.get("of").asInt() + " members, "
                            + bytes(progress.get("bytes").asLong()));
            r.get("added").forEach(f -> out.println("added      " + f.asText()));
            r.get("present").forEach(f -> out.println("present    " + f.asText()));
            r.get("quarantined").forEach(f -> out.println("quarantined " + f.asText()));
            r.get("refused").forEach(f -> out.println("refused    " + f.get("filename").asText() + ": " + f.get("reason").asText()));
            out.printf("%s: %d added, %d already present, %d refused; bundle %s %s%n", into, r.get("added").size(),
                    r.get("present").size(), r.get("refused").size(), r.get("manifest_sha256").asText(),
                    r.get("signed_by").isNull() ? "(unsigned)" : "signed by " + r.get("signed_by").asText());
            if (!r.get("advisories").isNull()) {
                out.println("advisories: " + r.get("advisories").asText());
            }
            return r.get("refused").isEmpty() ? 0 : 2;
        }
    }

    @Command(name = "key", mixinStandardHelpOptions = true, description = "Print the server's public signing key, for the"
            + " closed Sluice's [bundles] trusted-keys.")
    static final class Key implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println(client.send("GET", "/admin/bundles/key").strip());
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Read a bundle file whole and check that it"
            + " arrived as it was made (signature by the key its manifest names, every member's sha256); print what it holds."
            + " Needs no server.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "BUNDLE")
        Path bundle;

        @Override
        public Integer call() throws Exception {
            try {
                Bundles.Contents c = Bundles.check(bundle);
                PrintWriter out = spec.commandLine().getOut();
                c.files().forEach(f -> out.println("  " + f));
                out.printf("%s: %d files, %s, made %s for %s; signed by %s%n", bundle, c.files().size(), bytes(c.bytes()),
                        c.created(), String.join(", ", c.targets()), c.exporter());
                return 0;
            } catch (BundleRefused e) {
                spec.commandLine().getErr().println("sluice: " + bundle + " is refused: " + e.getMessage());
                return 1;
            }
        }
    }

    /** On a terminal, how much of the bundle has arrived (of what the server said it will send), twice a second. */
    private static final class ReceivedBytes implements AutoCloseable {
        private final Path file;
        private final PrintWriter err;
        private final java.util.concurrent.ScheduledExecutorService ticker =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().unstarted(r));
        private volatile boolean shown;

        ReceivedBytes(Path file, PrintWriter err) {
            this.file = file;
            this.err = err;
        }

        void start(java.net.http.HttpHeaders headers) {
            if (System.console() == null) {
                return;
            }
            String total = headers.firstValue("X-Sluice-Bundle-Bytes").map(t -> " of " + bytes(Long.parseLong(t))).orElse("");
            err.print("resolved; " + headers.firstValue("X-Sluice-Bundle-Files").orElse("?") + " files to receive");
            err.flush();
            shown = true;
            ticker.scheduleAtFixedRate(() -> {
                try {
                    err.print("\rreceived " + bytes(Files.size(file)) + total + "          ");
                    err.flush();
                } catch (java.io.IOException e) {
                    // not there yet
                }
            }, 500, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            ticker.shutdownNow();
            if (shown) {
                err.println();
            }
        }
    }

    static String bytes(long n) {
        return n < 1 << 20 ? String.format("%.1f KiB", n / 1024.0) : String.format("%.1f MiB", n / (1024.0 * 1024));
    }
}
