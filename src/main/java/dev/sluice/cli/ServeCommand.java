package dev.sluice.cli;

import dev.sluice.proxy.UpstreamSettings;
import dev.sluice.web.ServerSettings;
import dev.sluice.web.SluiceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice serve}: runs the server on the embedded default until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class, usageHelpWidth = 110,
        description = {"Run Sluice. With no options it listens on 127.0.0.1:8080 and keeps its data in ./sluice-data.",
            "Uploads and administration need the admin token: $SLUICE_ADMIN_TOKEN, or the one created",
            "on first start in <data-dir>/admin-token."})
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "sluice-data",
            description = "Directory for the embedded catalog and stored files, created if missing (default: ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--max-upload-size", paramLabel = "SIZE", defaultValue = "100MiB", converter = ByteSizeConverter.class,
            description = "Largest distribution file accepted, e.g. 100MiB, 2GiB, 500000 (default: ${DEFAULT-VALUE}).")
    long maxUploadBytes;

    @Option(names = "--upstream", paramLabel = "URL", defaultValue = "https://pypi.org/simple/",
            description = "Upstream simple index ('none' for no proxy). Default: ${DEFAULT-VALUE}")
    String upstream;

    @Option(names = "--upstream-page-ttl", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long a proxied page is served before it is revalidated: 30s, 10m, 1h (default: ${DEFAULT-VALUE}).")
    java.time.Duration upstreamPageTtl;

    @Option(names = "--reserve", paramLabel = "NAME", split = ",",
            description = "A name or prefix (acme-*) the upstream never serves, even before its first upload. Repeatable.")
    java.util.List<String> reserved = new java.util.ArrayList<>();

    @Option(names = "--cooldown", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Hide upstream files uploaded less than this long ago (e.g. 2d), so that bad releases can be noticed first.")
    java.time.Duration cooldown;

    @Option(names = "--cooldown-exempt", paramLabel = "NAME", split = ",",
            description = "A project the cooldown does not apply to. Repeatable.")
    java.util.List<String> cooldownExempt = new java.util.ArrayList<>();

    @Option(names = "--allow", paramLabel = "RULE",
            description = "Serve only these upstream projects: a name, a glob (django-*) or a name with a range (numpy>=1.26,<3). Repeatable.")
    java.util.List<String> allow = new java.util.ArrayList<>();

    @Option(names = "--deny", paramLabel = "RULE",
            description = "Never serve these upstream projects, or versions with a range (requests<2.32). Repeatable.")
    java.util.List<String> deny = new java.util.ArrayList<>();

    @Option(names = "--offline", description = "Serve proxied projects from the cache only; never call the upstream.")
    boolean offline;

    @Option(names = "--upstream-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long the upstream may take to answer, or to send more bytes (default: ${DEFAULT-VALUE}).")
    java.time.Duration upstreamTimeout;

    @Option(names = "--upstream-max-concurrent", paramLabel = "N", defaultValue = "16",
            description = "Upstream requests started at once, at most (default: ${DEFAULT-VALUE}).")
    int upstreamMaxConcurrent;

    @Option(names = "--upstream-proxy", paramLabel = "HOST:PORT",
            description = "An HTTP(S) proxy to reach the upstream through.")
    String upstreamProxy;

    @Option(names = "--upstream-netrc", paramLabel = "FILE",
            description = "netrc file with the upstream's credentials when its URL has none (default: $NETRC, else ~/.netrc).")
    Path upstreamNetrc;

    private java.util.List<String> checkedRules(String option, java.util.List<String> rules) {
        for (String rule : rules) {
            try {
                dev.sluice.index.gates.AllowDeny.validate(rule);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + e.getMessage());
            }
        }
        return java.util.List.copyOf(rules);
    }

    private java.util.List<String> checkedReservations() {
        for (String name : reserved) {
            String bare = name.endsWith("*") ? name.substring(0, name.length() - 1) : name;
            if (!dev.sluice.pep.ProjectName.isValid(bare.replaceAll("[-_.]$", "") ) || bare.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--reserve': '" + name
                        + "' is not a project name or a prefix such as acme-*");
            }
        }
        return java.util.List.copyOf(reserved);
    }

    private UpstreamSettings upstreamSettings() throws java.io.IOException {
        if (upstream.equalsIgnoreCase("none")) {
            return null;
        }
        java.net.URI uri;
        try {
            uri = java.net.URI.create(upstream);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--upstream': '" + upstream
                    + "' is not an http(s) URL of a simple index");
        }
        if (upstreamMaxConcurrent < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--upstream-max-concurrent': "
                    + upstreamMaxConcurrent + " is not at least 1");
        }
        UpstreamSettings settings = UpstreamSettings.fromUrl("pypi", uri,
                        upstreamNetrc != null ? upstreamNetrc : dev.sluice.proxy.Netrc.defaultFile())
                .withPageTtl(upstreamPageTtl).withOffline(offline).withTimeout(upstreamTimeout)
                .withMaxConcurrent(upstreamMaxConcurrent);
        if (upstreamProxy != null) {
            int colon = upstreamProxy.lastIndexOf(':');
            int proxyPort = colon < 0 ? -1 : parsePort(upstreamProxy.substring(colon + 1));
            if (colon <= 0 || proxyPort <= 0) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--upstream-proxy': '"
                        + upstreamProxy + "' is not HOST:PORT");
            }
            settings = settings.withOutboundProxy(java.net.InetSocketAddress.createUnresolved(upstreamProxy.substring(0, colon), proxyPort));
        }
        return settings;
    }

    private static int parsePort(String text) {
        try {
            int p = Integer.parseInt(text);
            return p > 0 && p < 65536 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--port': " + port
                    + " is not between 0 and 65535");
        }
        if (Files.exists(dataDirectory) && !Files.isDirectory(dataDirectory)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--data-dir': '" + dataDirectory
                    + "' exists and is not a directory");
        }
        Files.createDirectories(dataDirectory);
        CountDownLatch stopped = new CountDownLatch(1);
        String token = System.getenv("SLUICE_ADMIN_TOKEN");
        ServerSettings settings = new ServerSettings(host, port, dataDirectory, maxUploadBytes,
                token == null || token.isBlank() ? null : token.strip(), upstreamSettings(), checkedReservations(), cooldown,
                java.util.List.copyOf(cooldownExempt), checkedRules("--allow", allow), checkedRules("--deny", deny));
        SluiceServer server = SluiceServer.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sluice-shutdown"));
        LOG.info("Sluice listening on http://{}:{}/ with data in {}", host, server.port(), dataDirectory.toAbsolutePath());
        stopped.await();
        return 0;
    }
}
