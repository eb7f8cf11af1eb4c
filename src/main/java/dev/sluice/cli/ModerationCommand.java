package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice moderation list|show|approve|deny|expiring|report|events|grant}: what enters through moderation gates. */
@Command(name = "moderation", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "Requests to let packages in through moderation gates, decisions on them, and the audit trail of a"
                + " running server (a moderator's or admin's token needed).",
        subcommands = {ModerationCommand.ListCommand.class, ModerationCommand.Show.class, ModerationCommand.Approve.class,
            ModerationCommand.Deny.class, ModerationCommand.Expiring.class, ModerationCommand.Report.class,
            ModerationCommand.Events.class, ModerationCommand.Grant.class})
final class ModerationCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required, such as 'list'");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Requests, newest first.")
    static final class ListCommand extends AdminQuestion {
        @Option(names = "--status", paramLabel = "pending|approved|denied", description = "Only requests in this state.")
        String status;

        @Override
        String path() {
            return "/admin/moderation/requests" + (status == null ? "" : "?status=" + AdminClient.segment(status));
        }

        @Override
        String rows() {
            return "requests";
        }

        @Override
        String[] columns() {
            return new String[] {"ID", "STATUS", "GATE", "PROJECT", "VERSION", "REQUESTED BY", "FROM", "REQUESTED"};
        }

        @Override
        String[] cells(JsonNode r) {
            return new String[] {r.get("id").asText(), r.get("status").asText(), r.get("gate").asText(), r.get("project").asText(),
                r.get("version").asText(""), r.get("requested_by").asText(), r.get("requested_from").asText(""),
                r.get("requested").asText()};
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One request with its project's decisions and"
            + " audit trail (as JSON).")
    static final class Show extends AdminShow {
        @Override
        String path() {
            return "/admin/moderation/requests/" + AdminClient.segment(id);
        }
    }

    /** What a decision covers: the whole project, a range of versions, or one file. */
    static final class Target {
        @Option(names = "--versions", paramLabel = "SPECIFIER", description = "A PEP 440 range, such as '>=2,<3'.")
        String versions;

        @Option(names = "--file", paramLabel = "FILENAME", description = "One file.")
        String file;
    }

    /** Approve or deny a project, a range or a file; or, with -r, every requirement of a requirements file. */
    abstract static class Decide implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PROJECT", arity = "0..1", description = "The project (leave out with -r).")
        String project;

        @ArgGroup(exclusive = true)
        Target target;

        @Option(names = {"-r", "--requirement"}, paramLabel = "FILE", description = "Every requirement of a requirements"
                + " file, each as written (a name: the whole project; with a range: that range).")
        Path requirements;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept with the decision).")
        String reason;

        @Option(names = "--expires", paramLabel = "TIME", description = "A date or RFC 3339 time after which the decision"
                + " stops applying by itself.")
        String expires;

        @Option(names = "--gate", paramLabel = "NAME", description = "The moderation gate (needed when the graph has several).")
        String gate;

        @Option(names = "--route", paramLabel = "NAME", description = "The route you moderate (for a route's moderators).")
        String route;

        @Mixin
        AdminClient client;

        abstract String action();

        @Override
        public Integer call() throws Exception {
            if ((project == null) == (requirements == null)) {
                throw new ParameterException(spec.commandLine(), "give a PROJECT or -r FILE");
            }
            ObjectNode body = UserCommand.JSON.createObjectNode().put("action", action()).put("reason", reason)
                    .put("expires", expires).put("gate", gate).put("route", route);
            PrintWriter out = spec.commandLine().getOut();
            if (requirements != null) {
                body.put("requirements", Files.readString(requirements));
                JsonNode answer = VulnerabilitiesCommand.read(client.send("POST", "/admin/moderation/requirements", body.toString()));
                answer.get("decisions").forEach(d -> out.println(describe(d)));
                return 0;
            }
            body.put("project", project);
            if (target != null) {
                body.put("versions", target.versions).put("file", target.file);
            }
            out.println(describe(VulnerabilitiesCommand.read(client.send("POST", "/admin/moderation/decisions", body.toString()))));
            return 0;
        }

        private static String describe(JsonNode d) {
            return d.get("action").asText() + " " + d.get("project").asText() + (d.get("scope").asText().isEmpty() ? ""
                    : " " + d.get("scope").asText()) + " through gate '" + d.get("gate").asText() + "'"
                    + (d.get("expires").isNull() ? "" : " until " + d.get("expires").asText()) + " (" + d.get("id").asText() + ")";
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Let a project, a range of its versions or"
            + " a file in (answering its pending requests).")
    static final class Approve extends Decide {
        @Override
        String action() {
            return "approve";
        }
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Keep a project, a range or a file out.")
    static final class Deny extends Decide {
        @Override
        String action() {
            return "deny";
        }
    }

    @Command(name = "expiring", mixinStandardHelpOptions = true, description = "Decisions whose expiry comes soon, soonest"
            + " first: what will stop applying by itself.")
    static final class Expiring extends AdminQuestion {
        @Option(names = "--within", defaultValue = "7d", paramLabel = "DURATION")
        String within;

        @Override
        String path() {
            return "/admin/moderation/decisions?expiring=" + AdminClient.segment(within);
        }

        @Override
        String rows() {
            return "decisions";
        }

        @Override
        String[] columns() {
            return new String[] {"EXPIRES", "ACTION", "GATE", "PROJECT", "SCOPE", "BY", "REASON", "ID"};
        }

        @Override
        String[] cells(JsonNode d) {
            return new String[] {d.get("expires").asText(), d.get("action").asText(), d.get("gate").asText(),
                d.get("project").asText(), d.get("scope").asText(), d.get("by").asText(), d.get("reason").asText(""),
                d.get("id").asText()};
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = "What dry-run gates would have refused, and"
            + " for whom: what switching them on would change.")
    static final class Report extends AdminQuestion {
        @Option(names = "--since", defaultValue = "7d", paramLabel = "TIME", description = "A duration ago (7d) or a time.")
        String since;

        @Override
        String path() {
            return "/admin/moderation/report?since=" + AdminClient.segment(since);
        }

        @Override
        String rows() {
            return "would_refuse";
        }

        @Override
        String[] columns() {
            return new String[] {"GATE", "PROJECT", "VERSION", "WHO", "ADDRESS", "TIMES#", "FIRST", "LAST", "WHY"};
        }

        @Override
        String[] cells(JsonNode r) {
            return new String[] {r.get("gate").asText(), r.get("project").asText(), r.get("version").asText(""), r.get("who").asText(),
                r.get("address").asText(""), r.get("times").asText(), r.get("first").asText(), r.get("last").asText(),
                r.get("reason").asText("")};
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true, description = "The audit trail: requests, decisions by people"
            + " and rules, refusals, dry-run verdicts (--format json or csv to export).")
    static final class Events extends AdminQuestion {
        @Option(names = "--since", defaultValue = "7d", paramLabel = "TIME")
        String since;

        @Option(names = "--action", paramLabel = "ACTION", description = "requested, approved, denied, refused,"
                + " rule-approved, rule-denied, would-refuse, moderator-granted")
        String action;

        @Option(names = "--project", paramLabel = "NAME")
        String project;

        @Override
        String path() {
            return "/admin/moderation/events?since=" + AdminClient.segment(since) + (action == null ? "" : "&action="
                    + AdminClient.segment(action)) + (project == null ? "" : "&project=" + AdminClient.segment(project));
        }

        @Override
        String rows() {
            return "events";
        }

        @Override
        String[] columns() {
            return new String[] {"AT", "GATE", "PROJECT", "VERSION", "ACTION", "ACTOR", "ADDRESS", "DETAIL"};
        }

        @Override
        String[] cells(JsonNode e) {
            return new String[] {e.get("at").asText(), e.get("gate").asText(), e.get("project").asText(), e.get("version").asText(""),
                e.get("action").asText(), e.get("actor").asText(""), e.get("address").asText(""), e.get("detail").asText("")};
        }
    }

    @Command(name = "grant", mixinStandardHelpOptions = true, description = "Make an account or a team a moderator, of"
            + " one route or of all (admin token needed).")
    static final class Grant implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--user", paramLabel = "NAME")
        String user;

        @Option(names = "--team", paramLabel = "NAME")
        String team;

        @Option(names = "--route", paramLabel = "NAME", description = "Only this route's gates (default: every route).")
        String route;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            if ((user == null) == (team == null)) {
                throw new ParameterException(spec.commandLine(), "give --user NAME or --team NAME");
            }
            client.send("POST", "/admin/moderation/moderators", UserCommand.JSON.createObjectNode().put("user", user)
                    .put("team", team).put("route", route).toString());
            spec.commandLine().getOut().println((user != null ? "account " + user : "team " + team) + " moderates "
                    + (route == null ? "every route" : "route " + route));
            return 0;
        }
    }
}
