package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice token create|list|revoke}: API tokens, through the server. */
@Command(name = "token", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "Manage API tokens on a running server (with the admin token, or your own token).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required, such as 'create'");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token and print it (shown only once).")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--user", paramLabel = "NAME", description = "Whose token (admins only; default: your own).")
        String user;

        @Option(names = "--scope", paramLabel = "SCOPE",
                description = "read, read:route=NAME, upload, upload:project=NAME or admin. Repeatable (default: read only; name upload scopes explicitly).")
        List<String> scopes = new ArrayList<>();

        @Option(names = "--expires", paramLabel = "DURATION", description = "Lifetime, e.g. 90d (default: no expiry).")
        String expires;

        @Option(names = "--description", paramLabel = "TEXT", description = "What the token is for (shown in lists).")
        String description;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            ObjectNode body = UserCommand.JSON.createObjectNode().put("user", user).put("expires", expires)
                    .put("description", description);
            if (!scopes.isEmpty()) {
                scopes.forEach(body.putArray("scopes")::add);
            }
            JsonNode created = UserCommand.JSON.readTree(client.send("POST", "/tokens", UserCommand.JSON.writeValueAsString(body)));
            spec.commandLine().getErr().println("Token " + created.get("id").asText() + " for '" + created.get("user").asText()
                    + "' with " + created.get("scopes") + " (shown only now):");
            spec.commandLine().getOut().println(created.get("token").asText());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--user", paramLabel = "NAME", description = "Whose tokens (admins only; default: your own).")
        String user;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            String query = user == null ? "" : "?user=" + AdminClient.segment(user);
            for (JsonNode t : UserCommand.JSON.readTree(client.send("GET", "/tokens" + query)).get("tokens")) {
                spec.commandLine().getOut().printf("%s  %-12s %-30s expires=%s last_used=%s%s%n", t.get("id").asText(),
                        t.get("user").asText(), t.get("scopes"), t.get("expires").asText("never"), t.get("last_used").asText("never"),
                        t.get("revoked").isNull() ? "" : " REVOKED");
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token: it stops working at once.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The token's id, as 'token list' shows it.")
        String id;

        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            client.send("DELETE", "/tokens/" + AdminClient.segment(id));
            spec.commandLine().getOut().println("Revoked token " + id);
            return 0;
        }
    }
}
