package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice vulnerabilities import|status|list|show|impact|affected}: known vulnerabilities of a running server. */
@Command(name = "vulnerabilities", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "Import OSV advisories into a running server and ask what they affect (admin token needed).",
        subcommands = {VulnerabilitiesCommand.Import.class, VulnerabilitiesCommand.Status.class, VulnerabilitiesCommand.ListCommand.class,
            VulnerabilitiesCommand.Show.class, VulnerabilitiesCommand.Impact.class, VulnerabilitiesCommand.Affected.class})
final class VulnerabilitiesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required, such as 'import'");
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Import OSV records: a zip (OSV's PyPI/all.zip),"
            + " a folder of .json or .yaml records (the PyPA advisory database), or the HTTP(S) URL of a zip, which the"
            + " server fetches. All or nothing: a source that cannot be read whole changes nothing.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE|FOLDER|URL")
        String source;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            java.util.function.Function<JsonNode, String> progress = p -> {
                long total = p.get("total").asLong();
                return "read " + p.get("read").asLong() + (total >= 0 ? " of " + total : "") + " records";
            };
            JsonNode report;
            if (source.startsWith("http://") || source.startsWith("https://")) {
                report = client.sendForReport("/admin/vulnerabilities/import?url=" + AdminClient.segment(source), null, null, err, progress);
            } else {
                Path path = Path.of(source);
                if (!Files.exists(path)) {
                    throw new ParameterException(spec.commandLine(), "no such file or folder: " + source);
                }
                Path zip = Files.isDirectory(path) ? zipFolder(path) : path;
                try {
                    report = client.sendForReport("/admin/vulnerabilities/import?name=" + AdminClient.segment(path.getFileName().toString()),
                            zip, "application/zip", err, progress);
                } finally {
                    if (zip != path) {
                        Files.deleteIfExists(zip);
                    }
                }
            }
            printReport(spec.commandLine().getOut(), report);
            return 0;
        }

        private static void printReport(PrintWriter out, JsonNode r) {
            if (r.get("not_modified").asBoolean()) {
                out.println(r.get("source").asText() + ": not modified since the last import; nothing changed");
                return;
            }
            out.printf("%s: %d read, %d added, %d updated, %d unchanged, %d withdrawn, %d skipped, %d warnings in %.1f s%n",
                    r.get("source").asText(), r.get("read").asInt(), r.get("added").asInt(), r.get("updated").asInt(),
                    r.get("unchanged").asInt(), r.get("withdrawn").asInt(), r.get("skipped").asInt(), r.get("warnings").asInt(),
                    r.get("seconds").asDouble());
            r.get("skipped_records").forEach(p -> out.println("skipped " + p.get("file").asText() + ": " + p.get("reason").asText()));
            r.get("warning_lines").forEach(p -> out.println("warning " + p.get("file").asText() + ": " + p.get("reason").asText()));
        }

        /** The folder's records in a zip, as the server reads them (their paths kept). */
        private static Path zipFolder(Path folder) throws IOException {
            Path zip = Files.createTempFile("sluice-advisories", ".zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> walk = Files.walk(folder)) {
                for (Path f : walk.filter(Files::isRegularFile).filter(f -> f.toString().matches("(?i).*\\.(json|ya?ml)$"))
                        .sorted().toList()) {
                    out.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            return zip;
        }
    }

    static JsonNode read(String json) {
        try {
            return UserCommand.JSON.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the server's answer is not JSON: " + json, e);
        }
    }

    private static String list(JsonNode array) {
        return String.join(" ", texts(array));
    }

    /** The texts of a JSON array's items. */
    static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> items = new java.util.ArrayList<>();
        array.forEach(v -> items.add(v.asText()));
        return items;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "How old the data is, and how many records it holds.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            JsonNode s = read(client.send("GET", "/admin/vulnerabilities/status"));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%d records (%d in force, %d withdrawn, %d malicious packages) over %d projects%n", s.get("records").asLong(),
                    s.get("in_force").asLong(), s.get("withdrawn").asLong(), s.get("malicious").asLong(), s.get("projects").asLong());
            JsonNode last = s.get("last_import");
            if (last == null || last.isNull()) {
                out.println("no import yet: run 'sluice vulnerabilities import FILE|URL'");
            } else {
                out.printf("last import %s from %s (%d read, %d added, %d updated), %d hours ago%n", last.get("finished").asText(),
                        last.get("source").asText(), last.get("read").asInt(), last.get("added").asInt(), last.get("updated").asInt(),
                        last.get("age_seconds").asLong() / 3600);
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The advisories of a project, or those affecting one version.")
    static final class ListCommand extends AdminQuestion {
        @Option(names = "--project", required = true, paramLabel = "NAME")
        String project;

        @Option(names = "--version", paramLabel = "VERSION", description = "Only the advisories affecting this version.")
        String version;

        @Override
        String path() {
            return "/admin/vulnerabilities?project=" + AdminClient.segment(project)
                    + (version == null ? "" : "&version=" + AdminClient.segment(version));
        }

        @Override
        String rows() {
            return "advisories";
        }

        @Override
        String[] columns() {
            return new String[] {"ID", "SEVERITY", "SCORE", "FIXED IN", "ALIASES", "SUMMARY"};
        }

        @Override
        String[] cells(JsonNode a) {
            return new String[] {a.get("id").asText(), a.get("malicious").asBoolean() ? "malicious" : a.get("severity").asText(),
                a.get("score").isNull() ? "" : a.get("score").asText(), list(a.get("fixed_in")), list(a.get("aliases")),
                a.get("summary").asText("")};
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One advisory, by its id or an alias: the record as imported.")
    static final class Show extends AdminShow {
        @Override
        String path() {
            return "/admin/vulnerabilities/" + AdminClient.segment(id);
        }
    }

    @Command(name = "impact", mixinStandardHelpOptions = true, description = "Who downloaded a version an advisory affects:"
            + " identity, address, installer and Python, downloads, first and last time.")
    static final class Impact extends AdminQuestion {
        @Parameters(paramLabel = "ID", description = "An advisory id or alias.")
        String id;

        @Override
        String path() {
            return "/admin/vulnerabilities/" + AdminClient.segment(id) + "/impact";
        }

        @Override
        String rows() {
            return "downloaders";
        }

        @Override
        String[] columns() {
            return new String[] {"PROJECT", "IDENTITY", "ADDRESS", "INSTALLER", "VERSION", "PYTHON", "DOWNLOADS#", "FIRST", "LAST"};
        }

        @Override
        String[] cells(JsonNode d) {
            return new String[] {d.get("project").asText(), d.get("identity").asText(""), d.get("client_address").asText(""),
                d.get("installer").asText(""), d.get("installer_version").asText(""), d.get("python").asText(""),
                d.get("downloads").asText(), d.get("first").asText(), d.get("last").asText()};
        }
    }

    @Command(name = "affected", mixinStandardHelpOptions = true, description = "Every affected version that was downloaded,"
            + " with counts, worst advisory first.")
    static final class Affected extends AdminQuestion {
        @Option(names = "--since", paramLabel = "TIME", description = "A duration back from now (30d), an RFC 3339 time or a date"
                + " (default: all time).")
        String since;

        @Override
        String path() {
            return "/admin/vulnerabilities/affected" + (since == null ? "" : "?since=" + AdminClient.segment(since));
        }

        @Override
        String rows() {
            return "affected";
        }

        @Override
        String[] columns() {
            return new String[] {"PROJECT", "VERSION", "DOWNLOADS#", "WORST", "ADVISORIES"};
        }

        @Override
        String[] cells(JsonNode r) {
            return new String[] {r.get("project").asText(), r.get("version").asText(), r.get("downloads").asText(),
                r.get("worst").asText(), list(r.get("advisories"))};
        }
    }
}
