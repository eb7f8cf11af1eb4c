package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice usage who|downloads|top|refusals|export}: questions to the usage log of a running server. */
@Command(name = "usage", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "Ask the usage log of a running server (admin token needed).",
        subcommands = {UsageCommand.Who.class, UsageCommand.Downloads.class, UsageCommand.Top.class, UsageCommand.Refusals.class,
            UsageCommand.Export.class})
final class UsageCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required, such as 'who'");
    }

    /** The time window every question takes, the call that asks it, and one printed line per answer row. */
    abstract static class Question implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--since", paramLabel = "TIME", description = "From this RFC 3339 time or date (default: the beginning).")
        String since;

        @Option(names = "--until", paramLabel = "TIME", description = "Up to this RFC 3339 time or date (default: now).")
        String until;

        @Option(names = "--format", defaultValue = "table", paramLabel = "table|json|csv",
                description = "A table with a header and aligned columns, the server's JSON answer, or CSV"
                        + " (default: ${DEFAULT-VALUE}).")
        String format;

        @Mixin
        AdminClient client;

        private final String path;
        private final String rows;
        private final String[] columns;

        /**
         * @param rows the answer's list to print, a row per element
         * @param columns the report's columns (a name ending in # is a number)
         */
        Question(String path, String rows, String... columns) {
            this.path = path;
            this.rows = rows;
            this.columns = columns;
        }

        /** The question's own query parameters, as name/value pairs (empty values are left out). */
        List<String> parameters() {
            return List.of();
        }

        /** The cells of one row, in the order of the columns. */
        abstract String[] cells(JsonNode row);

        String ask() throws Exception {
            List<String> query = new ArrayList<>(parameters());
            query.addAll(List.of("since", since == null ? "" : since, "until", until == null ? "" : until));
            StringBuilder url = new StringBuilder(path);
            char separator = '?';
            for (int i = 0; i < query.size(); i += 2) {
                if (!query.get(i + 1).isEmpty()) {
                    url.append(separator).append(query.get(i)).append('=').append(AdminClient.segment(query.get(i + 1)));
                    separator = '&';
                }
            }
            return client.send("GET", url.toString());
        }

        @Override
        public Integer call() throws Exception {
            ReportTable.print(spec, format, this::ask, rows, columns, this::cells);
            return 0;
        }
    }

    @Command(name = "who", mixinStandardHelpOptions = true,
            description = "Who fetched files of a project (in a version range): identity, address, installer, Python, downloads.")
    static final class Who extends Question {
        @Option(names = "--project", required = true, paramLabel = "NAME")
        String project;

        @Option(names = "--versions", paramLabel = "RANGE", description = "A PEP 440 range such as '>=2.0,<2.3' (default: all).")
        String versions;

        Who() {
            super("/admin/usage/who", "fetchers", "IDENTITY", "ADDRESS", "INSTALLER", "VERSION", "PYTHON", "DOWNLOADS#", "FIRST",
                    "LAST");
        }

        @Override
        List<String> parameters() {
            return List.of("project", project, "versions", versions == null ? "" : versions);
        }

        @Override
        String[] cells(JsonNode f) {
            return new String[] {f.get("identity").asText(), f.get("client_address").asText(""), f.get("installer").asText(""),
                f.get("installer_version").asText(""), f.get("python").asText(""), f.get("downloads").asText(), f.get("first").asText(),
                f.get("last").asText()};
        }
    }

    @Command(name = "downloads", mixinStandardHelpOptions = true, description = "Downloads of a project per day and version."
            + " A download is a complete 200 GET of a file: HEADs, ranges, revalidations and transfers cut short are not.")
    static final class Downloads extends Question {
        @Option(names = "--project", required = true, paramLabel = "NAME")
        String project;

        Downloads() {
            super("/admin/usage/downloads", "downloads", "DAY", "VERSION", "DOWNLOADS#");
        }

        @Override
        List<String> parameters() {
            return List.of("project", project);
        }

        @Override
        String[] cells(JsonNode d) {
            return new String[] {d.get("day").asText(), d.get("version").asText(""), d.get("downloads").asText()};
        }
    }

    @Command(name = "top", mixinStandardHelpOptions = true, description = "Projects by downloads (complete 200 GETs of files).")
    static final class Top extends Question {
        @Option(names = "--limit", defaultValue = "20", paramLabel = "N")
        int limit;

        Top() {
            super("/admin/usage/top", "projects", "DOWNLOADS#", "PROJECT");
        }

        @Override
        List<String> parameters() {
            return List.of("limit", Integer.toString(limit));
        }

        @Override
        String[] cells(JsonNode p) {
            return new String[] {p.get("downloads").asText(), p.get("project").asText()};
        }
    }

    @Command(name = "refusals", mixinStandardHelpOptions = true, description = "Refused requests (401, 403, 429) and rejected ones (400 and other 4xx but 404) by the gate that"
            + " refused ('access' for authentication and permissions) and reason.")
    static final class Refusals extends Question {
        Refusals() {
            super("/admin/usage/refusals", "refusals", "COUNT#", "GATE", "REASON");
        }

        @Override
        String[] cells(JsonNode r) {
            return new String[] {r.get("count").asText(), r.get("gate").asText("-"), r.get("reason").asText("")};
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Every event, as JSON lines or CSV, to standard output.")
    static final class Export extends Question {
        Export() {
            super("/admin/usage/export", null);
        }

        @Override
        List<String> parameters() {
            return List.of("format", format.equals("table") ? "jsonl" : format.equals("json") ? "jsonl" : format);
        }

        @Override
        String[] cells(JsonNode row) {
            throw new UnsupportedOperationException("an export is printed as it comes");
        }

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().print(ask());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
