package dev.sluice.cli;

import dev.sluice.access.Accounts;
import dev.sluice.access.ApiTokens;
import dev.sluice.access.SecurityLog;
import dev.sluice.access.SqlAccountStore;
import dev.sluice.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

        @Option(names = "--database", paramLabel = "URL", defaultValue = "${env:SLUICE_DATABASE}",
                description = "The catalog on PostgreSQL (postgresql://USER:PASSWORD@HOST:5432/DB), as the server's [server] database;"
                    + " default: SLUICE_DATABASE, else the data directory's SQLite file.")
        String database;

        @Option(names = "--password-file", paramLabel = "FILE",
                description = "Read the account's password from this file's first line ('-': standard input). Without it,"
                    + " the account signs in with tokens only.")
        Path passwordFile;

        @Override
        public Integer call() throws Exception {
            String password = passwordFile == null ? null : AdminClient.password(passwordFile);
            Files.createDirectories(dataDirectory);
            // The catalog the server uses: PostgreSQL when named (as for sluice serve), else the data directory's file.
            try (Database catalog = Database.open(this.database == null || this.database.isBlank() ? null : this.database.strip(),
                    dataDirectory.resolve("sluice.db"))) {
                SqlAccountStore store = new SqlAccountStore(catalog.jdbi());
                Clock clock = Clock.systemUTC();
                Accounts accounts = new Accounts(store, new ApiTokens(store, clock), new SecurityLog(store, clock), clock);
                Accounts.NewAdmin admin;
                try {
                    admin = accounts.createAdminWithToken(name, password);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                if (admin.token() == null) {
                    spec.commandLine().getErr().println("sluice: an account named '" + admin.name() + "' exists already");
                    return 1;
                }
                spec.commandLine().getOut().println("Created the admin account '" + admin.name() + "'. Its admin API token, shown"
                        + " only now (id " + admin.token().id() + "):");
                spec.commandLine().getOut().println(admin.token().secret());
            }
            return 0;
        }
    }
}
