package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice findings list|show|release|keep}: what the inspection found in distributions, and admins' decisions. */
@Command(name = "findings", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "What the inspection found in the distributions a running server stored or proxied, and the"
                + " decisions on quarantined files (admin token needed).",
        subcommands = {FindingsCommand.ListCommand.class, FindingsCommand.Show.class, FindingsCommand.Release.class,
            FindingsCommand.Keep.class})
final class FindingsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required, such as 'list'");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Flagged files, newest first: the verdict, the"
            + " finding behind it, and any decision.")
    static final class ListCommand extends AdminQuestion {
        @Option(names = "--project", paramLabel = "NAME", description = "Only this project's files.")
        String project;

        @Option(names = "--verdict", paramLabel = "malicious|suspicious", description = "Only files with this verdict.")
        String verdict;

        @Override
        String path() {
            StringBuilder query = new StringBuilder();
            if (project != null) {
                query.append("&project=").append(AdminClient.segment(project));
            }
            if (verdict != null) {
                query.append("&verdict=").append(AdminClient.segment(verdict));
            }
            return "/admin/findings" + (query.isEmpty() ? "" : "?" + query.substring(1));
        }

        @Override
        String rows() {
            return "files";
        }

        @Override
        String[] columns() {
            return new String[] {"ID", "VERDICT", "DECISION", "PROJECT", "FILENAME", "ORIGIN", "INSPECTED", "REASON"};
        }

        @Override
        String[] cells(JsonNode f) {
            return new String[] {f.get("id").asText(), f.get("verdict").asText(),
                f.get("decision").isNull() ? "" : f.get("decision").get("action").asText(), f.get("project").asText(),
                f.get("filename").asText(), f.get("origin").asText(), f.get("inspected").asText(), f.get("reason").asText("")};
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One judged file: every finding with its evidence"
            + " (file, line, excerpt), the decision, and the audit trail.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The file's id from 'findings list' (its sha256's first characters).")
        String id;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            JsonNode v = VulnerabilitiesCommand.read(client.send("GET", "/admin/findings/" + AdminClient.segment(id)));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s  %s (%s)%n", v.get("id").asText(), v.get("filename").asText(), v.get("project").asText());
            out.printf("verdict %s, inspected %s from %s by rules version %d%n", v.get("verdict").asText(),
                    v.get("inspected").asText(), v.get("origin").asText(), v.get("rules_version").asInt());
            out.println("sha256 " + v.get("sha256").asText());
            JsonNode decision = v.get("decision");
            if (!decision.isNull()) {
                out.printf("%s by %s at %s: %s%n", decision.get("action").asText(), decision.get("by").asText(),
                        decision.get("at").asText(), decision.get("reason").asText());
            }
            out.println();
            for (JsonNode f : v.get("findings")) {
                out.printf("%-10s %-16s %s%s%n    %s%n", f.get("severity").asText(), f.get("rule").asText(), f.get("file").asText(),
                        f.get("line").asInt() > 0 ? ":" + f.get("line").asInt() : "", f.get("excerpt").asText());
            }
            out.println();
            for (JsonNode e : v.get("events")) {
                out.printf("%s  %-10s %s%s%n", e.get("at").asText(), e.get("action").asText(),
                        e.get("actor").isNull() ? "" : e.get("actor").asText() + ": ", e.get("detail").asText(""));
            }
            return 0;
        }
    }

    /** A decision on a flagged file, with the reason kept in the audit trail. */
    abstract static class Decision implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The file's id from 'findings list'.")
        String id;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept with the decision).")
        String reason;

        @Mixin
        AdminClient client;

        abstract String action();

        @Override
        public Integer call() throws Exception {
            String body = UserCommand.JSON.createObjectNode().put("reason", reason).toString();
            JsonNode v = VulnerabilitiesCommand.read(client.send("POST", "/admin/findings/" + AdminClient.segment(id) + "/"
                    + action(), body));
            spec.commandLine().getOut().printf("%s (%s): %s by %s%n", v.get("filename").asText(), v.get("id").asText(),
                    v.get("decision").get("action").asText(), v.get("decision").get("by").asText());
            return 0;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true, description = "Serve a quarantined file although it was"
            + " flagged (audited).")
    static final class Release extends Decision {
        @Override
        String action() {
            return "release";
        }
    }

    @Command(name = "keep", mixinStandardHelpOptions = true, description = "Keep a flagged file blocked, recording that a"
            + " person looked (audited).")
    static final class Keep extends Decision {
        @Override
        String action() {
            return "keep";
        }
    }
}
