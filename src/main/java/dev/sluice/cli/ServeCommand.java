package dev.sluice.cli;

import dev.sluice.app.Sluice;
import dev.sluice.bundle.BundleSettings;
import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigReader;
import dev.sluice.config.DefaultGraph;
import dev.sluice.config.GraphConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.proxy.UpstreamSettings;
import dev.sluice.store.BlobLocation;
import dev.sluice.usage.UsageSettings;
import dev.sluice.moderation.ModerationSettings;
import dev.sluice.vulnerabilities.VulnerabilitySettings;
import dev.sluice.app.ServerSettings;
import dev.sluice.web.SluiceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
            description = "Directory for the embedded catalog and stored files, created if missing (default: ${DEFAULT-VALUE};"
                    + " with --config, the file's [server] data-dir, else ${DEFAULT-VALUE} beside the file).")
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

    @Option(names = "--upstream-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long the upstream may take to answer once connected, or to send more bytes"
                    + " (default: ${DEFAULT-VALUE}, under pip's own 15 s).")
    java.time.Duration upstreamTimeout;

    @Option(names = "--upstream-connect-timeout", paramLabel = "DURATION", defaultValue = "3s",
            converter = DurationConverter.class,
            description = "How long connecting to the upstream may take (default: ${DEFAULT-VALUE}).")
    java.time.Duration upstreamConnectTimeout;

    @Option(names = "--upstream-max-concurrent", paramLabel = "N", defaultValue = "16",
            description = "Upstream requests started at once, at most (default: ${DEFAULT-VALUE}).")
    int upstreamMaxConcurrent;

    @Option(names = "--upstream-proxy", paramLabel = "HOST:PORT",
            description = "An HTTP(S) proxy to reach the upstream through.")
    String upstreamProxy;

    @Option(names = "--upstream-netrc", paramLabel = "FILE",
            description = "netrc file with the upstream's credentials when its URL has none (default: $NETRC, else ~/.netrc).")
    Path upstreamNetrc;

    @Option(names = "--trusted-proxy", paramLabel = "ADDRESS", split = ",",
            description = "A reverse proxy whose X-Forwarded-For names the real client (repeatable).")
    java.util.List<String> trustedProxies = new java.util.ArrayList<>();

    @Option(names = "--usage-log", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep the usage log (who fetched what); --no-usage-log switches it off (default: on).")
    boolean usageLog;

    @Option(names = "--usage-log-file", paramLabel = "FILE",
            description = "Also write every usage event as a JSON line to this file ('-': standard output).")
    Path usageLogFile;

    @Option(names = "--usage-retention", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Prune usage events older than this (e.g. 400d), at start and daily (default: keep all).")
    java.time.Duration usageRetention;

    /** How the server's log lines are written. */
    enum LogFormat { text, json }

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:SLUICE_LOG_FORMAT:-text}",
            description = "The log on standard error: 'text' (lines for people) or 'json' (one object per line, with the"
                    + " request_id its usage event carries). Also from SLUICE_LOG_FORMAT (default: text).")
    LogFormat logFormat;

    @Option(names = "--private",
            description = "Every route needs credentials to read (an account, or a token with a read scope).")
    boolean privateRead;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Serve the sources, gates and routes declared in this sluice.toml (see README: Configuration file)."
                + " Read again on SIGHUP or POST /admin/config/reload.")
    Path configFile;

    /** Options that shape the default graph: with a config file, the file says these things. */
    private static final java.util.List<String> GRAPH_OPTIONS = java.util.List.of("--upstream", "--upstream-page-ttl",
            "--reserve", "--cooldown", "--cooldown-exempt", "--allow", "--deny", "--offline", "--upstream-timeout", "--upstream-connect-timeout",
            "--upstream-max-concurrent", "--upstream-proxy", "--upstream-netrc", "--private");

    private ParameterException usage(String option, String problem) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + problem);
    }

    private java.util.List<String> checkedRules(String option, java.util.List<String> rules) {
        for (String rule : rules) {
            try {
                dev.sluice.index.gates.ProjectRule.parse(rule);
            } catch (IllegalArgumentException e) {
                throw usage(option, e.getMessage());
            }
        }
        return java.util.List.copyOf(rules);
    }

    private java.util.List<String> checkedReservations() {
        for (String name : reserved) {
            try {
                dev.sluice.index.gates.Reserve.validate(name);
            } catch (IllegalArgumentException e) {
                throw usage("--reserve", e.getMessage());
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
            uri = ConfigReader.indexUrl(upstream);
        } catch (IllegalArgumentException e) {
            throw usage("--upstream", e.getMessage());
        }
        if (upstreamMaxConcurrent < 1) {
            throw usage("--upstream-max-concurrent", upstreamMaxConcurrent + " is not at least 1");
        }
        UpstreamSettings settings = UpstreamSettings.fromUrl("pypi", uri,
                        upstreamNetrc != null ? upstreamNetrc : dev.sluice.proxy.Netrc.defaultFile())
                .withPageTtl(upstreamPageTtl).withOffline(offline).withTimeout(upstreamTimeout)
                .withConnectTimeout(upstreamConnectTimeout).withMaxConcurrent(upstreamMaxConcurrent);
        if (upstreamProxy != null) {
            try {
                settings = settings.withOutboundProxy(ConfigReader.hostAndPort(upstreamProxy));
            } catch (IllegalArgumentException e) {
                throw usage("--upstream-proxy", e.getMessage());
            }
        }
        return settings;
    }

    private GraphConfig defaultGraph() throws java.io.IOException {
        return DefaultGraph.hostedOnly().withUpstream(upstreamSettings()).withReserved(checkedReservations())
                .withCooldown(cooldown, cooldownExempt).withAllowDeny(checkedRules("--allow", allow), checkedRules("--deny", deny))
                .withPrivateRead(privateRead).graph();
    }

    /** The file's usage settings, each overridden by its option when given. */
    private UsageSettings usageSettings(SluiceConfig file) {
        UsageSettings base = file != null && file.usage() != null ? file.usage() : UsageSettings.DEFAULT;
        return new UsageSettings(given("--usage-log") ? usageLog : base.enabled(),
                given("--usage-log-file") ? usageLogFile : base.jsonLines(),
                given("--usage-retention") ? usageRetention : base.retention());
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    @Override
    public Integer call() throws Exception {
        if (logFormat == LogFormat.json) {
            dev.sluice.app.JsonLogLines.install();
        }
        SluiceConfig file = null;
        if (configFile != null) {
            for (String option : GRAPH_OPTIONS) {
                if (given(option)) {
                    throw new ParameterException(spec.commandLine(), "'" + option + "' cannot be used with '--config':"
                            + " declare sources and gates in " + configFile);
                }
            }
            try {
                file = ConfigReader.read(configFile);
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                spec.commandLine().getErr().println("sluice: " + configFile + " has " + e.errors().size()
                        + (e.errors().size() == 1 ? " problem" : " problems") + "; nothing was started");
                return 1;
            }
        }
        String chosenHost = file != null && file.host() != null && !given("--host") ? file.host() : host;
        int chosenPort = file != null && file.port() != null && !given("--port") ? file.port() : port;
        // One rule for paths: those in a config file, and the data directory it leaves unsaid, are relative to the
        // file; those on the command line are relative to the working directory.
        Path data = given("--data-dir") || file == null ? dataDirectory
                : file.dataDirectory() != null ? file.dataDirectory()
                : configFile.toAbsolutePath().getParent().resolve(dataDirectory);
        long maxUpload = file != null && file.maxUploadBytes() != null && !given("--max-upload-size") ? file.maxUploadBytes()
                : maxUploadBytes;
        if (chosenPort < 0 || chosenPort > 65535) {
            throw usage("--port", chosenPort + " is not between 0 and 65535");
        }
        if (Files.exists(data) && !Files.isDirectory(data)) {
            throw usage("--data-dir", "'" + data + "' exists and is not a directory");
        }
        Files.createDirectories(data);
        String token = System.getenv("SLUICE_ADMIN_TOKEN");
        ServerSettings settings = new ServerSettings(chosenHost, chosenPort, data, maxUpload,
                token == null || token.isBlank() ? null : token.strip(), file != null ? file.graph() : defaultGraph(),
                file != null ? configFile : null,
                file != null && file.trustedProxies() != null && !given("--trusted-proxy") ? file.trustedProxies()
                        : java.util.List.copyOf(trustedProxies), usageSettings(file),
                file != null && file.vulnerabilities() != null ? file.vulnerabilities() : VulnerabilitySettings.NONE,
                file != null && file.moderation() != null ? file.moderation() : ModerationSettings.NONE,
                file != null && file.database() != null ? file.database() : blankToNull(System.getenv("SLUICE_DATABASE")),
                blobLocation(file, data), file != null && file.bundles() != null ? file.bundles() : BundleSettings.NONE,
                file != null ? file.accelRedirect() : null);
        Sluice sluice = Sluice.open(settings, Clock.systemUTC());
        SluiceServer server = SluiceServer.start(sluice);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sluice-shutdown"));
        if (configFile != null) {
            HangupSignal.onHangup(() -> {
                try {
                    sluice.reload();
                } catch (ConfigException e) {
                    LOG.error("Reload refused; the running graph stays:\n{}", e.getMessage());
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.error("Reload failed; the running graph stays: {}", e.toString());
                }
            });
        }
        LOG.info("Sluice listening on http://{}:{}/ with data in {}", chosenHost, server.port(), data.toAbsolutePath());
        stopped.await();
        return 0;
    }

    /** The config file's {@code blobs}, else {@code SLUICE_BLOBS}, else the data directory's own folder. */
    private BlobLocation blobLocation(SluiceConfig file, Path data) {
        if (file != null && file.blobs() != null) {
            return file.blobs();
        }
        String fromEnvironment = blankToNull(System.getenv("SLUICE_BLOBS"));
        if (fromEnvironment == null) {
            return new BlobLocation.Folder(data.resolve("blobs"));
        }
        try {
            return BlobLocation.parse(fromEnvironment, BlobLocation.S3Options.NONE);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "The environment variable SLUICE_BLOBS " + e.getMessage());
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
