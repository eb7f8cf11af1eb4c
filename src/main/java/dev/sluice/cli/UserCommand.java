package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice user add|list|passwd|disable|enable}: accounts, through the admin API. */
@Command(name = "user", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "Manage accounts on a running server (admin token needed).",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Passwd.class, UserCommand.Disable.class,
            UserCommand.Enable.class})
final class UserCommand implements Runnable {
    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required, such as 'add'");
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an account.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--admin", description = "Make it an administrator.")
        boolean admin;

        @Option(names = "--password-file", paramLabel = "FILE",
                description = "The password, from this file's first line ('-': standard input); without it, tokens only.")
        Path passwordFile;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            ObjectNode body = JSON.createObjectNode().put("name", name).put("admin", admin);
            if (passwordFile != null) {
                body.put("password", AdminClient.password(passwordFile));
            }
            client.send("POST", "/admin/users", JSON.writeValueAsString(body));
            spec.commandLine().getOut().println("Created the account '" + name + "'" + (admin ? " (admin)" : ""));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts.")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            for (JsonNode u : JSON.readTree(client.send("GET", "/admin/users")).get("users")) {
                spec.commandLine().getOut().printf("%-24s %s%s%s teams=%s%n", u.get("name").asText(), u.get("admin").asBoolean() ? "admin" : "user",
                        u.get("disabled").asBoolean() ? " disabled" : "", u.get("password").asBoolean() ? "" : " tokens-only",
                        u.get("teams"));
            }
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set an account's password.")
    static final class Passwd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--password-file", paramLabel = "FILE", required = true,
                description = "The new password, from this file's first line ('-': standard input).")
        Path passwordFile;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            client.send("POST", "/admin/users/" + AdminClient.segment(name) + "/password",
                    JSON.writeValueAsString(JSON.createObjectNode().put("password", AdminClient.password(passwordFile))));
            spec.commandLine().getOut().println("Changed the password of '" + name + "'");
            return 0;
        }
    }

    /** Disable and enable: one call each, told apart by {@link #action()}. */
    abstract static class Switch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        AdminClient client;

        abstract String action();

        @Override
        public Integer call() throws Exception {
            client.send("POST", "/admin/users/" + AdminClient.segment(name) + "/" + action());
            spec.commandLine().getOut().println(action().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + action().substring(1)
                    + "d '" + name + "'");
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an account: its password and tokens stop working.")
    static final class Disable extends Switch {
        @Override
        String action() {
            return "disable";
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled account again.")
    static final class Enable extends Switch {
        @Override
        String action() {
            return "enable";
        }
    }
}
