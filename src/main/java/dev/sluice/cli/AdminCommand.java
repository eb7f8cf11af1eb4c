package dev.sluice.cli;

import dev.sluice.access.AccountAuthenticator;
import dev.sluice.access.ApiTokens;
import dev.sluice.access.Passwords;
import dev.sluice.access.Scope;
import dev.sluice.store.AccountStore;
import dev.sluice.store.Database;
import dev.sluice.store.SqlAccountStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice admin create NAME}: the first admin account, made in the data directory (the server may run). */
@Command(name = "admin", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "Bootstrap administration.", subcommands = AdminCommand.Create.class)
final class AdminCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required, such as 'create'");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
            description = {"Create an admin account in the data directory, and print an admin API token for it once.",
                "Works while the server runs (the catalog is shared)."})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The account name (letters, digits, '.', '_', '-').")
        String name;

        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "sluice-data",
                description = "The server's data directory (default: ${DEFAULT-VALUE}).")
        Path dataDirectory;

        @Option(names = "--password-file", paramLabel = "FILE",
                description = "Read the account's password from this file's first line ('-': standard input). Without it,"
                    + " the account signs in with tokens only.")
        Path passwordFile;

        @Override
        public Integer call() throws Exception {
            String account;
            try {
                account = AccountAuthenticator.accountName(name);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            String hash = null;
            if (passwordFile != null) {
                try {
                    hash = Passwords.hash(AdminClient.password(passwordFile));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "the password is not usable: " + e.getMessage());
                }
            }
            Files.createDirectories(dataDirectory);
            try (Database database = Database.openSqlite(dataDirectory.resolve("sluice.db"))) {
                SqlAccountStore store = new SqlAccountStore(database.jdbi());
                if (!store.createAccount(account, hash, true, Clock.systemUTC().instant())) {
                    spec.commandLine().getErr().println("sluice: an account named '" + account + "' exists already");
                    return 1;
                }
                AccountStore.Account created = store.account(account).orElseThrow();
                ApiTokens.Created token = new ApiTokens(store, Clock.systemUTC())
                        .create(created, "made by 'sluice admin create'", List.of(Scope.ADMIN), null, null);
                new dev.sluice.access.SecurityLog(store, Clock.systemUTC()).allowed("(command line)", "local", "user create",
                        account + " (admin)");
                spec.commandLine().getOut().println("Created the admin account '" + account + "'. Its admin API token, shown"
                        + " only now (id " + token.id() + "):");
                spec.commandLine().getOut().println(token.secret());
            }
            return 0;
        }
    }
}
