package dev.sluice.web;

import dev.sluice.access.AccountAuthenticator;
import dev.sluice.access.AdminToken;
import dev.sluice.access.ApiTokens;
import dev.sluice.access.Authenticator;
import dev.sluice.access.LoginThrottle;
import dev.sluice.access.SecurityLog;
import dev.sluice.access.UploadRights;
import dev.sluice.config.GraphConfig;
import dev.sluice.store.SqlAccountStore;
import dev.sluice.store.SqlUsageStore;
import dev.sluice.usage.JsonLinesSink;
import dev.sluice.usage.UsageLog;
import dev.sluice.usage.UsageRetention;
import dev.sluice.usage.UsageSettings;
import dev.sluice.archive.ArchiveLimits;
import dev.sluice.archive.WheelMetadataExtraction;
import dev.sluice.config.ConfigError;
import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigReader;
import dev.sluice.config.DefaultGraph;
import dev.sluice.config.GraphBuilder;
import dev.sluice.config.NodeConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.directory.DirectorySource;
import dev.sluice.hosted.HostedSource;
import dev.sluice.hosted.PublicNames;
import dev.sluice.hosted.Publisher;
import dev.sluice.hosted.ReleaseManager;
import dev.sluice.hosted.UploadRejected;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.Refused;
import dev.sluice.index.Repository;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.store.BlobStore;
import dev.sluice.store.Database;
import dev.sluice.store.SmallBlobCache;
import dev.sluice.store.FileSystemBlobStore;
import dev.sluice.store.OwnerOnly;
import dev.sluice.proxy.ProxySource;
import dev.sluice.store.SqlHostedCatalog;
import dev.sluice.store.SqlProxyCatalog;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of Sluice: opens the stores, builds the repository graph, binds routes to handlers. It holds
 * no policy. Routes: every route of the graph ({@code /simple/}, {@code /indexes/<name>/simple/}, and each as
 * it was at a moment under {@code /snapshot/<time>/}), {@code /legacy/} (uploads into the hosted source),
 * {@code /pypi/.../json}, {@code /admin/...}, {@code /health}. The graph can be replaced while serving
 * ({@link #reload()}).
 */
public final class SluiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);
    private static final String SIMPLE = "/simple/";
    /** How long a source a reload dropped keeps running, so that downloads started on it finish. */
    private static final Duration RETIRE_AFTER = Duration.ofMinutes(10);

    private final Javalin app;
    private final Database database;
    private final LiveGraph live;
    private final ServerSettings settings;
    private final UsageLog usageLog;
    private final JsonLinesSink jsonLines;
    private final UsageRetention retention;
    private final ServerMetrics metrics;
    private final InFlightRequests inFlight;

    private SluiceServer(Javalin app, Database database, LiveGraph live, ServerSettings settings, UsageLog usageLog,
            JsonLinesSink jsonLines, UsageRetention retention, ServerMetrics metrics, InFlightRequests inFlight) {
        this.app = app;
        this.database = database;
        this.live = live;
        this.settings = settings;
        this.usageLog = usageLog;
        this.jsonLines = jsonLines;
        this.retention = retention;
        this.metrics = metrics;
        this.inFlight = inFlight;
    }

    /** {@code /ready}: 200 when the catalog answers and the blob store takes files, else 503 naming what failed. */
    private static void ready(Context ctx, Database database, FileSystemBlobStore blobs) {
        String problem = !database.isReachable() ? "the catalog does not answer"
                : !blobs.isWritable() ? "the blob store cannot be written" : null;
        ctx.status(problem == null ? 200 : 503).contentType("application/json")
                .result(problem == null ? "{\"status\":\"ready\"}" : "{\"status\":\"not ready\",\"problem\":\"" + problem + "\"}");
    }

    /** Sees every request once it is answered: method, path, status (tests use it; the usage log will too). */
    public interface RequestObserver {
        void answered(String method, String path, int status);
    }

    /** Opens the data directory and starts listening. Port 0 picks a free port ({@link #port()} tells which). */
    public static SluiceServer start(ServerSettings settings) throws IOException {
        return start(settings, (method, path, status) -> { });
    }

    public static SluiceServer start(ServerSettings settings, RequestObserver observer) throws IOException {
        Path data = OwnerOnly.directory(settings.dataDirectory());
        Path uploads = emptyDirectory(data.resolve("tmp").resolve("uploads"));
        Path extracts = emptyDirectory(data.resolve("tmp").resolve("metadata"));
        FileSystemBlobStore blobs = new FileSystemBlobStore(data.resolve("blobs"));
        Database database = Database.openSqlite(data.resolve("sluice.db"));
        try {
            SqlHostedCatalog catalog = new SqlHostedCatalog(database.jdbi());
            NodeConfig.Hosted hostedNode = settings.graph().hosted();
            // Core metadata and small files are served from memory: installers ask for the same ones over and over.
            BlobStore served = new SmallBlobCache(blobs, 64 * 1024, 32L << 20);
            HostedSource local = new HostedSource(hostedNode == null ? DefaultGraph.HOSTED : hostedNode.name(), catalog, served);
            Publisher publisher = new Publisher(local, catalog, blobs, settings.maxUploadBytes(), ArchiveLimits.DEFAULT,
                    Clock.systemUTC());
            ReleaseManager releases = new ReleaseManager(local, catalog);
            Clock clock = Clock.systemUTC();
            SqlAccountStore accounts = new SqlAccountStore(database.jdbi());
            ApiTokens apiTokens = new ApiTokens(accounts, clock);
            SecurityLog securityLog = new SecurityLog(accounts, clock);
            Gatekeeper gatekeeper = new Gatekeeper(
                    Authenticator.firstOf(List.of(adminToken(settings), new AccountAuthenticator(accounts, apiTokens, clock))),
                    new LoginThrottle(10, Duration.ofMinutes(5), clock), new LoginThrottle(50, Duration.ofMinutes(5), clock),
                    securityLog, clock);
            UploadRights uploadRights = new UploadRights(accounts, local::holds, clock);
            SqlUsageStore usageStore = new SqlUsageStore(database.jdbi());
            UsageSettings usageSettings = settings.usage();
            JsonLinesSink jsonLines = usageSettings.jsonLines() == null ? null : new JsonLinesSink(usageSettings.jsonLines());
            UsageLog usageLog = usageSettings.enabled() ? new UsageLog(usageStore, 100_000, jsonLines) : null;
            UsageRetention retention = usageSettings.retention() == null ? null
                    : new UsageRetention(usageStore, usageSettings.retention(), clock);
            UsageRecorder usage = new UsageRecorder(usageLog, clock);
            InFlightRequests inFlight = new InFlightRequests();
            SqlProxyCatalog proxyCatalog = new SqlProxyCatalog(database.jdbi());
            ServerMetrics metrics = new ServerMetrics(usageLog);
            WheelMetadataExtraction extraction = new WheelMetadataExtraction(extracts, ArchiveLimits.DEFAULT);
            GraphBuilder builder = new GraphBuilder(new GraphBuilder.SourceFactory() {
                @Override
                public Repository hosted(NodeConfig.Hosted config) {
                    return local;
                }

                @Override
                public Repository proxy(NodeConfig.Proxy config) {
                    return new ProxySource(config.upstream(), proxyCatalog, served, Clock.systemUTC(),
                            metrics.proxyCounters(config.name()));
                }

                @Override
                public Repository directory(NodeConfig.Directory config) throws IOException {
                    return new DirectorySource(config.name(), config.path(), config.rescan(),
                            data.resolve("directories").resolve(config.name() + ".sha256"), Clock.systemUTC());
                }
            }, (file, resource) -> {
                try (java.io.InputStream in = resource.openStream(0, -1)) {
                    return extraction.coreMetadata(file.filename(), file.sha256(), in);
                }
            }, Clock.systemUTC());
            LiveGraph live = new LiveGraph(builder, settings.graph(), RETIRE_AFTER);
            PublicNames publicNames = new PublicNames(local, catalog, () -> live.current().graph().outsideSources(),
                    name -> live.current().graph().reserves(name), clock);
            RenderedLists lists = new RenderedLists(data.resolve("tmp").resolve("lists"));
            SluiceServer[] self = new SluiceServer[1];

            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.concurrency.useVirtualThreads = true;
                config.router.ignoreTrailingSlashes = false;
                config.http.compressionStrategy = CompressionStrategy.NONE; // pages are gzipped once, then cached
                ClientAddress clientAddress = new ClientAddress(settings.trustedProxies());
                config.contextResolver.ip = ctx -> clientAddress.of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
                config.jetty.host = settings.host();
                config.jetty.port = settings.port();
                config.jetty.multipartConfig.cacheDirectory(uploads.toString());
                config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
                config.jetty.multipartConfig.maxFileSize(settings.maxUploadBytes() + (1 << 20), SizeUnit.BYTES);
                config.jetty.multipartConfig.maxTotalRequestSize(settings.maxUploadBytes() + (32 << 20), SizeUnit.BYTES);
                // An upload's metadata fields (a long README among them) may take as much as a METADATA file may.
                config.jetty.modifyServletContextHandler(handler ->
                        handler.setMaxFormContentSize(Math.toIntExact(UploadEndpoint.MAX_FORM_FIELDS_BYTES)));

                AnsweredRequests answered = new AnsweredRequests(usage, metrics, inFlight, observer);
                config.routes.before(ctx -> answered.begin(new JavalinExchange(ctx)));
                CrossSiteGuard crossSite = new CrossSiteGuard(securityLog, path -> path.equals("/legacy/") || path.equals("/legacy"));
                config.routes.before(crossSite::check);
                config.routes.after(ctx -> answered.end(new JavalinExchange(ctx)));
                SimpleRoutes simpleRoutes = new SimpleRoutes(live, gatekeeper, lists);
                SimpleHandler simpleHandler = new SimpleHandler(simpleRoutes, answered, clientAddress);
                // Javalin adds its own handler behind this one: what the simple API does not serve falls through.
                config.jetty.modifyServer(server -> server.setHandler(new Handler.Sequence(simpleHandler)));
                config.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
                config.routes.get("/ready", ctx -> ready(ctx, database, blobs));
                metrics.register(config.routes);
                new UploadEndpoint("/legacy/", publisher, gatekeeper, uploadRights, publicNames, settings.maxUploadBytes(),
                        () -> live.current().graph().config().hosted() != null).register(config.routes);
                new AdminApi(releases, publicNames, accounts, gatekeeper).register(config.routes);
                new AccountsApi(accounts, gatekeeper, clock).register(config.routes);
                new TokensApi(accounts, apiTokens, gatekeeper, clock).register(config.routes);
                new ReloadEndpoint(() -> self[0].reload(), gatekeeper).register(config.routes);
                new UsageApi(usageStore, gatekeeper).register(config.routes);
                // The JSON API shows hosted projects: readable by whoever may read /simple/ (admins only without it).
                config.routes.before("/pypi/*", ctx -> {
                    GraphConfig.Route simple = live.current().graph().config().routeAt(SIMPLE);
                    simpleRoutes.checkRead(new JavalinExchange(ctx), simple != null ? simple : new GraphConfig.Route("simple", SIMPLE, "", false));
                });
                new WarehouseJsonApi(local, catalog, SIMPLE).register(config.routes);
                io.javalin.http.ExceptionHandler<Exception> failed = (e, ctx) -> ErrorResponses.answer(new JavalinExchange(ctx), e);
                for (Class<? extends Exception> type : List.of(UploadRejected.class, AccessRefused.class,
                        JsonBodies.BadRequest.class, ProjectNotFound.class, FileNotFound.class, Refused.class,
                        SourceUnavailable.class, IOException.class, Exception.class)) {
                    config.routes.exception(type, failed);
                }
                config.routes.error(HttpStatus.NOT_FOUND.getCode(), "*", ctx -> {
                    // Only when no route matched: handlers' own 404s already say what is missing.
                    if (ctx.result() == null || ctx.result().startsWith("Endpoint ")) {
                        ErrorResponses.text(new JavalinExchange(ctx), 404, "Not Found: " + ctx.path());
                    }
                });
            });
            self[0] = new SluiceServer(app.start(), database, live, settings, usageLog, jsonLines, retention, metrics, inFlight);
            return self[0];
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Creates the directory, or empties it: what a killed server left behind there is of no use. */
    static Path emptyDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        try (java.util.stream.Stream<Path> leftovers = Files.list(directory)) {
            for (Path leftover : leftovers.toList()) {
                Files.deleteIfExists(leftover);
            }
        }
        return directory;
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

    public int port() {
        return app.port();
    }

    /**
     * Reads the config file again and serves its graph from now on; requests in flight finish on the graph
     * they started with. A file with any problem changes nothing.
     *
     * @return the routes now served
     * @throws ConfigException listing the problems (and when there is no file to read)
     */
    public synchronized List<String> reload() throws ConfigException, IOException {
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

    @Override
    public void close() {
        app.stop();
        if (!inFlight.awaitIdle(Duration.ofSeconds(10))) {
            LOG.warn("requests still running 10 s after the server stopped; their usage events may be lost");
        }
        if (usageLog != null) {
            usageLog.close(); // after the last request, before the catalog closes: no event is lost
        }
        if (retention != null) {
            retention.close();
        }
        metrics.close();
        if (jsonLines != null) {
            try {
                jsonLines.close();
            } catch (IOException e) {
                LOG.warn("closing the usage JSON lines file failed: {}", e.getMessage());
            }
        }
        live.close();
        database.close();
    }
}
