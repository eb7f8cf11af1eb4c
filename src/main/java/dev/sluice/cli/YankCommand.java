package dev.sluice.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice yank}: hide a release from resolution (PEP 592); an exact pin still installs it. */
@Command(name = "yank", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = "Yank a hosted release, or one file of it: installers skip it unless it is pinned exactly.")
final class YankCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ReleaseTarget target;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, shown to pip users who install it anyway.")
    String reason;

    @Mixin
    AdminClient client;

    @Override
    public Integer call() throws Exception {
        String query = reason == null ? "" : "?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8).replace("+", "%20");
        client.send("POST", target.path(spec.commandLine()) + "/yank" + query);
        spec.commandLine().getOut().println("Yanked " + target.describe() + (reason == null ? "" : " (" + reason + ")"));
        return 0;
    }
}
