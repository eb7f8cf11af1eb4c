package dev.sluice.web;

import dev.sluice.access.AdminToken;
import dev.sluice.archive.ArchiveLimits;
import dev.sluice.hosted.HostedSource;
import dev.sluice.hosted.Publisher;
import dev.sluice.hosted.ReleaseManager;
import dev.sluice.hosted.UploadRejected;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.Refused;
import dev.sluice.index.Repository;
import dev.sluice.index.gates.AllowDeny;
import dev.sluice.index.gates.Cooldown;
import dev.sluice.index.gates.FirstOwner;
import dev.sluice.index.gates.Reserve;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.store.Database;
import dev.sluice.store.FileSystemBlobStore;
import dev.sluice.proxy.ProxySource;
import dev.sluice.store.SqlHostedCatalog;
import dev.sluice.store.SqlProxyCatalog;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of Sluice: opens the stores, composes the repository, binds routes to handlers. It holds no
 * policy. Routes: {@code /simple/} (the hosted source, and with an upstream the default graph
 * FirstOwner(hosted, Reserve(upstream))), {@code /indexes/<upstream>/simple/} (the reserved upstream alone), {@code /snapshot/<time>/simple/}
 * ({@code /simple/} as it was then), {@code /legacy/} (uploads), {@code /pypi/.../json}, {@code /admin/...},
 * {@code /health}.
 */
public final class SluiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);
    private static final String SIMPLE = "/simple/";

    private final Javalin app;
    private final Database database;
    private final ProxySource proxy;

    private SluiceServer(Javalin app, Database database, ProxySource proxy) {
        this.app = app;
        this.database = database;
        this.proxy = proxy;
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
        Path data = Files.createDirectories(settings.dataDirectory());
        Path uploads = emptyDirectory(data.resolve("tmp").resolve("uploads"));
        FileSystemBlobStore blobs = new FileSystemBlobStore(data.resolve("blobs"));
        Database database = Database.openSqlite(data.resolve("sluice.db"));
        try {
            SqlHostedCatalog catalog = new SqlHostedCatalog(database.jdbi());
            HostedSource local = new HostedSource("local", catalog, blobs);
            Publisher publisher = new Publisher(local, catalog, blobs, settings.maxUploadBytes(), ArchiveLimits.DEFAULT,
                    Clock.systemUTC());
            ReleaseManager releases = new ReleaseManager(local, catalog);
            AdminToken token = adminToken(settings);
            ProxySource proxy = settings.upstream() == null ? null
                    : new ProxySource(settings.upstream(), new SqlProxyCatalog(database.jdbi()), blobs, Clock.systemUTC());
            // The default graph (DESIGN.md): hosted first, owning its names entirely; the upstream for the rest,
            // never for a hosted or reserved name. The direct upstream route is reserved the same way.
            Repository cooled = proxy == null || settings.cooldown() == null ? proxy
                    : new Cooldown(proxy, settings.cooldown(), settings.cooldownExempt(), Clock.systemUTC());
            Repository curated = cooled == null || settings.allow().isEmpty() && settings.deny().isEmpty() ? cooled
                    : new AllowDeny(cooled, settings.allow(), settings.deny());
            Repository upstream = proxy == null ? null : new Reserve(curated, settings.reserved(), local::holds);
            Repository simple = upstream == null ? local : new FirstOwner(List.of(local, upstream));
            RenderedPages rendered = new RenderedPages(2_048);

            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.concurrency.useVirtualThreads = true;
                config.router.ignoreTrailingSlashes = false;
                config.http.compressionStrategy = CompressionStrategy.NONE; // pages are gzipped once, then cached
                config.jetty.host = settings.host();
                config.jetty.port = settings.port();
                config.jetty.multipartConfig.cacheDirectory(uploads.toString());
                config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
                config.jetty.multipartConfig.maxFileSize(settings.maxUploadBytes() + (1 << 20), SizeUnit.BYTES);
                config.jetty.multipartConfig.maxTotalRequestSize(settings.maxUploadBytes() + (32 << 20), SizeUnit.BYTES);

                config.requestLogger.http((ctx, millis) -> observer.answered(ctx.method().name(), ctx.path(), ctx.statusCode()));
                config.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
                new SimpleApi(SIMPLE, simple, rendered).register(config.routes);
                new SnapshotRoute(simple, rendered).register(config.routes);
                new UploadEndpoint("/legacy/", publisher, token, settings.maxUploadBytes()).register(config.routes);
                new AdminApi(releases, token).register(config.routes);
                new WarehouseJsonApi(local, catalog, SIMPLE).register(config.routes);
                if (proxy != null) {
                    new SimpleApi("/indexes/" + proxy.name() + "/simple/", upstream, rendered).register(config.routes);
                }

                config.routes.exception(UploadRejected.class, (e, ctx) -> text(ctx, e.status(), e.getMessage()));
                config.routes.exception(ProjectNotFound.class, (e, ctx) -> text(ctx, 404, "Not Found: " + e.getMessage()));
                config.routes.exception(FileNotFound.class, (e, ctx) -> text(ctx, 404, "Not Found: " + e.getMessage()));
                config.routes.exception(Refused.class, (e, ctx) -> text(ctx, 403, "Forbidden: " + e.getMessage()));
                config.routes.exception(SourceUnavailable.class, (e, ctx) -> {
                    LOG.warn("source unavailable for {}: {}", ctx.path(), e.getMessage());
                    if (e.retryAfterSeconds() != null) {
                        ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                    }
                    String what = switch (e.status()) {
                        case 502 -> "Bad Gateway";
                        case 504 -> "Gateway Timeout";
                        default -> "Service Unavailable";
                    };
                    text(ctx, e.status(), what + ": " + e.getMessage());
                });
                config.routes.exception(IOException.class, (e, ctx) -> {
                    LOG.info("{} {} broke off: {}", ctx.method(), ctx.path(), e.getMessage());
                    text(ctx, 400, "The request could not be read: " + e.getMessage());
                });
                config.routes.exception(Exception.class, (e, ctx) -> {
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    text(ctx, 500, "Internal Server Error (logged on the server)");
                });
                config.routes.error(HttpStatus.NOT_FOUND.getCode(), "*", ctx -> {
                    // Only when no route matched: handlers' own 404s already say what is missing.
                    if (ctx.result() == null || ctx.result().startsWith("Endpoint ")) {
                        text(ctx, 404, "Not Found: " + ctx.path());
                    }
                });
            });
            return new SluiceServer(app.start(), database, proxy);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Creates the directory, or empties it: multipart parts a killed server left behind are of no use. */
    private static Path emptyDirectory(Path directory) throws IOException {
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

    private static void text(Context ctx, int status, String message) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(message + "\n");
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        if (proxy != null) {
            proxy.close();
        }
        database.close();
    }
}
