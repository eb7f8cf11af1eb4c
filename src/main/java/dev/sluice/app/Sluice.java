package dev.sluice.app;

import dev.sluice.access.AccountAuthenticator;
import dev.sluice.access.Accounts;
import dev.sluice.access.AdminToken;
import dev.sluice.access.ApiTokens;
import dev.sluice.access.Authenticator;
import dev.sluice.access.LoginThrottle;
import dev.sluice.access.RouteAccess;
import dev.sluice.access.SecurityLog;
import dev.sluice.access.Sessions;
import dev.sluice.access.SqlAccountStore;
import dev.sluice.access.UploadRights;
import dev.sluice.archive.ArchiveLimits;
import dev.sluice.archive.WheelMetadataExtraction;
import dev.sluice.config.ConfigError;
import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigReader;
import dev.sluice.config.DefaultGraph;
import dev.sluice.config.GraphBuilder;
import dev.sluice.config.NodeConfig;
import dev.sluice.config.RepositoryGraph;
import dev.sluice.config.SluiceConfig;
import dev.sluice.bundle.Bundles;
import dev.sluice.directory.DirectorySource;
import dev.sluice.integrity.Integrity;
import dev.sluice.hosted.HostedSource;
import dev.sluice.hosted.Hosting;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.inspection.Inspection;
import dev.sluice.moderation.Moderation;
import dev.sluice.pep.ProjectName;
import dev.sluice.proxy.ProxySource;
import dev.sluice.proxy.SqlProxyCatalog;
import dev.sluice.store.Backup;
import dev.sluice.store.BlobStore;
import dev.sluice.store.ChangeFeed;
import dev.sluice.store.Database;
import dev.sluice.store.Leases;
import dev.sluice.store.OwnerOnly;
import dev.sluice.store.SmallBlobCache;
import dev.sluice.usage.Usage;
import dev.sluice.util.EmptyDirectory;
import dev.sluice.vulnerabilities.Vulnerabilities;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of Sluice from its settings and one clock (the data directory, the
 * catalog, the blob store, the hosted source, accounts, the usage log, the repository graph and its reload), and
 * closes them in order. Nothing else constructs a feature; the HTTP server binds what this holds to routes.
 */
public final class Sluice implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sluice.class);
    /** How long a source a reload dropped keeps running, so that downloads started on it finish. */
    private static final Duration RETIRE_AFTER = Duration.ofMinutes(10);

    private final ServerSettings settings;
    private final Clock clock;
    private final Path data;
    private final Database database;
    private final ChangeFeed changes;
    private final BlobStore blobs;
    private final Accounts accounts;
    private final SecurityLog securityLog;
    private final RouteAccess routeAccess;
    private final Sessions sessions;
    private final Usage usage;
    private final Metrics metrics;
    private final LiveGraph live;
    private final UploadPermission uploadPermission;
    private final Hosting hosting;
    private final Vulnerabilities vulnerabilities;
    private final Inspection inspection;
    private final Moderation moderation;
    private final Bundles bundles;
    private final Integrity integrity;

    private Sluice(ServerSettings settings, Clock clock, Database database) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.data = settings.dataDirectory();
        this.database = database;
        this.changes = new ChangeFeed(database);
        Leases leases = Leases.of(database, clock);
        Path extracts = EmptyDirectory.at(data.resolve("tmp").resolve("metadata"));
        // An object store's uploads are staged on the local disk (inspected there) before the put: never whole in memory;
        // the files a node serves are kept on its disk too, so that each is fetched from the store once per node.
        BlobStore stored = settings.blobs().open(data.resolve("tmp").resolve("staging"));
        blobs = settings.blobs() instanceof dev.sluice.store.BlobLocation.S3 s3 && s3.cacheBytes() > 0
                ? new dev.sluice.store.DiskCachedBlobStore(stored, data.resolve("tmp").resolve("blob-cache"), s3.cacheBytes())
                : stored;
        // Core metadata and small files are served from memory: installers ask for the same ones over and over.
        BlobStore served = new SmallBlobCache(blobs, 64 * 1024, 32L << 20);

        usage = new Usage(database.jdbi(), settings.usage(), clock);
        metrics = new Metrics(usage);
        vulnerabilities = new Vulnerabilities(database.jdbi(), changes, leases, settings.vulnerabilities(), usage,
                data.resolve("tmp").resolve("vulnerabilities"), clock);
        metrics.bind(vulnerabilities);
        inspection = new Inspection(database.jdbi(), changes, ArchiveLimits.DEFAULT, vulnerabilities, this::hostedNames,
                data.resolve("tmp").resolve("inspection"), clock);

        NodeConfig.Hosted hostedNode = settings.graph().hosted();
        // The graph is built below, with the hosted source in it: what the outside serves is asked of it on use.
        hosting = new Hosting(hostedNode == null ? DefaultGraph.HOSTED : hostedNode.name(), database.jdbi(), changes, blobs, served,
                settings.maxUploadBytes(), clock, this::outsideSources, this::reserves, inspection::uploadRefusal);
        HostedSource hosted = hosting.source();

        SqlAccountStore accountStore = new SqlAccountStore(database.jdbi());
        ApiTokens tokens = new ApiTokens(accountStore, clock);
        securityLog = new SecurityLog(accountStore, clock);
        accounts = new Accounts(accountStore, tokens, securityLog, clock);
        Authenticator credentials = Authenticator.firstOf(List.of(adminToken(settings),
                new AccountAuthenticator(accountStore, tokens, clock)));
        // Guessing is throttled: 10 failures in 5 minutes for one user name, 50 from one client address.
        // Shared by the nodes of one catalog: a guesser cannot spread attempts over the nodes behind a balancer.
        routeAccess = new RouteAccess(credentials, new LoginThrottle(10, Duration.ofMinutes(5), clock, changes, "login-user"),
                new LoginThrottle(50, Duration.ofMinutes(5), clock, changes, "login-client"), securityLog, clock);
        sessions = new Sessions(database.jdbi(), accountStore, routeAccess, clock);
        UploadRights uploadRights = new UploadRights(accountStore, hosted::holds, clock);
        moderation = new Moderation(database.jdbi(), changes, settings.moderation(), vulnerabilities, inspection, accounts, clock);

        bundles = new Bundles(database.jdbi(), changes, blobs, served, settings.bundles(), data, this::sourceNamed,
                inspection.contentCheck(), vulnerabilities, settings.maxUploadBytes(), clock);

        SqlProxyCatalog proxyCatalog = new SqlProxyCatalog(database.jdbi());
        // Every row of every feature that names a blob, and the store read past its caches.
        integrity = new Integrity(stored, served, () -> java.util.stream.Stream.of(hosting.blobUses(), proxyCatalog.blobUses(),
                bundles.blobUses()).flatMap(List::stream), proxyCatalog::forget, data.resolve("quarantine"),
                new Backup.Of(database, stored, java.util.stream.Stream.of(settings.adminTokenFile(), bundles.signingKeyFile())
                        .filter(file -> file.toAbsolutePath().startsWith(data.toAbsolutePath())).toList()), clock);
        WheelMetadataExtraction extraction = new WheelMetadataExtraction(extracts, ArchiveLimits.DEFAULT);
        GraphBuilder builder = new GraphBuilder(new GraphBuilder.SourceFactory() {
            @Override
            public Repository hosted(NodeConfig.Hosted config) {
                return hosted;
            }

            @Override
            public Repository proxy(NodeConfig.Proxy config) {
                return new ProxySource(config.upstream(), proxyCatalog, served, clock, metrics.proxyCounters(config.name()),
                        inspection.contentCheck(), leases, sha256 -> hosting.names(sha256) || bundles.names(sha256));
            }

            @Override
            public Repository directory(NodeConfig.Directory config) throws IOException {
                return new DirectorySource(config.name(), config.path(), config.rescan(),
                        data.resolve("directories").resolve(config.name() + ".sha256"), clock, inspection.contentCheck(),
                        config.holdUnscanned());
            }

            @Override
            public Repository bundle(NodeConfig.Bundle config) {
                return bundles.source(config.name());
            }
        }, (file, resource) -> {
            try (InputStream in = resource.openStream(0, -1)) {
                return extraction.coreMetadata(file.filename(), file.sha256(), in);
            }
        }, clock, routeAccess::checkRead, vulnerabilities, inspection, moderation);
        live = new LiveGraph(builder, settings.graph(), RETIRE_AFTER);
        uploadPermission = new UploadPermission(hosting::checkNewProject, uploadRights, securityLog);
        // Other nodes on the same catalog: what they change is forgotten here within a second.
        changes.subscribe(CONFIG_CHANGES, subject -> reloadOnRequestOfAnotherNode());
        changes.start();
    }

    /** The source of the graph served now with this name, or null. */
    private Repository sourceNamed(String name) {
        return live.current().graph().sources().entrySet().stream().filter(e -> e.getKey().name().equals(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** The repository a route serves, by the route's name; null when no route is named so. */
    public Repository routeNamed(String name) {
        RepositoryGraph graph = live.current().graph();
        return graph.config().routes().stream().filter(r -> r.name().equals(name)).findFirst()
                .map(r -> graph.route(r.path())).orElse(null);
    }

    public Bundles bundles() {
        return bundles;
    }

    public Integrity integrity() {
        return integrity;
    }

    /** The graph's sources other than the hosted one, as served now. */
    private Map<String, Repository> outsideSources() {
        return live.current().graph().outsideSources();
    }

    /** The projects hosted here, in normal form: the inspection protects their names from imitation. */
    public Collection<String> hostedNames() {
        List<String> names = new java.util.ArrayList<>();
        try {
            hosting.source().projects(RequestContext.internal(clock.instant())).forEach(p -> names.add(p.normalizedName()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return names;
    }

    /**
     * Every distribution stored here (hosted, and cached by each proxy source), for {@code inspect --all}: each file
     * once, with its bytes opened from the blob store.
     */
    public List<Inspection.Stored> storedFiles() {
        Map<String, Inspection.Stored> bySha256 = new java.util.LinkedHashMap<>();
        for (Hosting.StoredFile f : hosting.storedFiles()) {
            bySha256.putIfAbsent(f.sha256(), new Inspection.Stored(f.sha256(), f.project(), f.filename(), "upload", opener(f.sha256())));
        }
        outsideSources().values().forEach(source -> {
            if (source instanceof ProxySource proxy) {
                for (var blob : proxy.cachedDistributions()) {
                    String project;
                    try {
                        project = dev.sluice.pep.DistributionFilename.parse(blob.name()).normalizedName();
                    } catch (dev.sluice.pep.InvalidFilenameException e) {
                        continue; // not a distribution
                    }
                    bySha256.putIfAbsent(blob.sha256(), new Inspection.Stored(blob.sha256(), project, blob.name(), "proxy",
                            opener(blob.sha256())));
                }
            }
        });
        return List.copyOf(bySha256.values());
    }

    private Inspection.Opener opener(String sha256) {
        return () -> blobs.open(sha256).orElseThrow(() -> new IOException("the blob " + sha256 + " is missing from the store"))
                .openStream(0, -1);
    }

    /** Whether a Reserve entry of the graph served now names the project. */
    private boolean reserves(ProjectName name) {
        return live.current().graph().reserves(name);
    }

    /**
     * Opens the data directory (made readable by its owner only) and builds everything on it.
     *
     * @param clock the one clock of every feature: tests move it instead of sleeping
     */
    public static Sluice open(ServerSettings settings, Clock clock) throws IOException {
        OwnerOnly.directory(settings.dataDirectory());
        Database database = Database.open(settings.database(), settings.dataDirectory().resolve("sluice.db"));
        try {
            return new Sluice(settings, clock, database);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static AdminToken adminToken(ServerSettings settings) throws IOException {
        if (settings.adminToken() != null) {
            return AdminToken.of(settings.adminToken());
        }
        boolean created = !Files.exists(settings.adminTokenFile());
        AdminToken token = AdminToken.loadOrCreate(settings.adminTokenFile());
        if (created) {
            LOG.info("Created an admin token in {} (readable by its owner only): use it to upload and administer",
                    settings.adminTokenFile().toAbsolutePath());
        }
        return token;
    }

    public ServerSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** A folder under the data directory for the server's temporary files, emptied now. */
    public Path temporaryDirectory(String name) throws IOException {
        return EmptyDirectory.at(data.resolve("tmp").resolve(name));
    }

    public LiveGraph graph() {
        return live;
    }

    /** Packages the organisation publishes here. */
    public Hosting hosting() {
        return hosting;
    }

    /** Known vulnerabilities: advisories, their matching, policy and impact. */
    public Vulnerabilities vulnerabilities() {
        return vulnerabilities;
    }

    /** Malicious packages: verdicts, quarantine, findings. */
    public Inspection inspection() {
        return inspection;
    }

    /** What enters from outside: requests, decisions, rules, the audit trail. */
    public Moderation moderation() {
        return moderation;
    }

    /** Accounts and tokens as people ask for them. */
    public Accounts accounts() {
        return accounts;
    }

    public SecurityLog securityLog() {
        return securityLog;
    }

    /** Who is calling and whether they may: credentials, throttling, route reading, administration. */
    public RouteAccess routeAccess() {
        return routeAccess;
    }

    /** The catalog, for the features built outside this root that keep their own tables (the web pages' search). */
    public Database database() {
        return database;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** Who may upload to which project: public names, then upload rights. */
    public UploadPermission uploadPermission() {
        return uploadPermission;
    }

    /** Who fetched what: recording and the questions people ask. */
    public Usage usage() {
        return usage;
    }

    public Metrics metrics() {
        return metrics;
    }

    /**
     * Whether Sluice can take requests: the catalog answers and can be written (its file still the one opened), the
     * blob store can be written, and the disk has room for an upload of the largest size allowed; with each proxy
     * source's upstream circuit.
     */
    public Readiness readiness() {
        List<String> problems = new java.util.ArrayList<>();
        String catalog = database.problem();
        if (catalog != null) {
            problems.add(catalog);
        }
        String blobProblem = blobs.problem();
        if (blobProblem != null) {
            problems.add(blobProblem);
        }
        try {
            long free = java.nio.file.Files.getFileStore(data).getUsableSpace();
            if (free < settings.maxUploadBytes()) {
                problems.add("the disk of the data directory " + data.toAbsolutePath() + " has " + free
                        + " bytes free, less than one upload of the largest size allowed (" + settings.maxUploadBytes() + ")");
            }
        } catch (IOException e) {
            problems.add("the data directory " + data.toAbsolutePath() + " cannot be examined: " + e.getMessage());
        }
        Map<String, String> upstreams = new java.util.TreeMap<>();
        java.time.Instant now = clock.instant();
        outsideSources().forEach((name, source) -> {
            if (source instanceof ProxySource proxy) {
                upstreams.put(name, proxy.circuit().describe(now));
            }
        });
        return new Readiness(List.copyOf(problems), upstreams);
    }

    /**
     * Reads the config file again and serves its graph from now on; requests in flight finish on the graph
     * they started with. A file with any problem changes nothing.
     *
     * @return the routes now served
     * @throws ConfigException listing the problems (and when there is no file to read)
     */
    public List<String> reload() throws ConfigException, IOException {
        List<String> paths = reloadHere();
        changes.publish(CONFIG_CHANGES, "*");
        return paths;
    }

    /** The change feed's topic: a node reloaded its config file, so every node reloads its own. */
    private static final String CONFIG_CHANGES = "config";

    private void reloadOnRequestOfAnotherNode() {
        try {
            reloadHere();
        } catch (ConfigException | IOException | RuntimeException e) {
            LOG.warn("Another node reloaded its config file; reloading {} failed, the graph served stays: {}",
                    settings.configFile(), e.getMessage());
        }
    }

    private synchronized List<String> reloadHere() throws ConfigException, IOException {
        if (settings.configFile() == null) {
            throw new ConfigException(List.of(new ConfigError("(none)", 0, "",
                    "Sluice was started without a config file (serve --config FILE): there is nothing to reload")));
        }
        SluiceConfig config = ConfigReader.read(settings.configFile());
        NodeConfig.Hosted before = live.current().graph().config().hosted();
        NodeConfig.Hosted after = config.graph().hosted();
        if (before != null && after != null && !before.name().equals(after.name())) {
            throw new ConfigException(List.of(new ConfigError(settings.configFile().toString(), 0, "sources." + after.name(),
                    "the hosted source was named '" + before.name() + "' at start; renaming it needs a restart")));
        }
        if (changed(config.host(), settings.host()) || changed(config.dataDirectory(), settings.dataDirectory())
                || changed(config.maxUploadBytes(), settings.maxUploadBytes())
                || config.port() != null && settings.port() != 0 && config.port() != settings.port()) {
            LOG.warn("The [server] settings in {} changed: they apply at the next start", settings.configFile());
        }
        live.replace(config.graph());
        List<String> paths = live.current().graph().paths();
        LOG.info("Reloaded {}: serving {}", settings.configFile(), paths);
        return paths;
    }

    private static boolean changed(Object inFile, Object running) {
        return inFile != null && !inFile.equals(running);
    }

    /** Closes everything, the usage log first so that its last events reach the catalog. Call it after the last request. */
    @Override
    public void close() {
        changes.close();
        moderation.close();
        inspection.close();
        vulnerabilities.close();
        usage.close();
        metrics.close();
        live.close();
        blobs.close();
        database.close();
    }
}
