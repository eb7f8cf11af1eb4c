package dev.sluice.web;

import dev.sluice.access.Callers;
import dev.sluice.access.CrossSiteGuard;
import dev.sluice.bundle.Bundles;
import dev.sluice.app.Readiness;
import dev.sluice.app.Sluice;
import dev.sluice.hosted.Hosting;
import dev.sluice.vulnerabilities.Vulnerabilities;
import dev.sluice.hosted.UploadEndpoint;
import dev.sluice.http.JavalinExchange;
import dev.sluice.http.Pages;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.SizeUnit;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of Sluice: binds what {@link Sluice} built to Jetty and Javalin. Routes: every route of the graph
 * ({@code /simple/}, {@code /indexes/<name>/simple/}, and each as it was at a moment under {@code /snapshot/<time>/})
 * on the hot path of {@link SimpleHandler}; the features' endpoints ({@link Endpoints}); {@code /health},
 * {@code /ready} and {@code /metrics}. It holds no policy.
 */
public final class SluiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);

    private final Javalin server;
    private final Sluice sluice;
    private final InFlightRequests inFlight;
    private final StoppingGate stoppingGate;
    /** How long a stop waits for the requests running (an upload half sent, a large download) to finish. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private SluiceServer(Javalin server, Sluice sluice, InFlightRequests inFlight, StoppingGate stoppingGate) {
        this.server = server;
        this.sluice = sluice;
        this.inFlight = inFlight;
        this.stoppingGate = stoppingGate;
    }

    /** Sees every request once it is answered: method, path, status (tests use it). */
    public interface RequestObserver {
        void answered(String method, String path, int status);
    }

    /** Starts listening; the server owns {@code sluice} from now on and closes it last. Port 0 picks a free port. */
    public static SluiceServer start(Sluice sluice) throws IOException {
        return start(sluice, (method, path, status) -> { });
    }

    public static SluiceServer start(Sluice sluice, RequestObserver observer) throws IOException {
        var settings = sluice.settings();
        Path uploads = sluice.temporaryDirectory("uploads");
        RenderedLists lists = new RenderedLists(sluice.temporaryDirectory("lists"));
        InFlightRequests inFlight = new InFlightRequests();
        StoppingGate stoppingGate = new StoppingGate();
        Callers callers = new Callers(sluice.routeAccess(), sluice.sessions());
        ClientAddress clientAddress = new ClientAddress(settings.trustedProxies());
        AnsweredRequests answered = new AnsweredRequests(new UsageRecorder(sluice.usage(), sluice.clock()), sluice.metrics(),
                inFlight, observer);
        SimpleRoutes simpleRoutes = new SimpleRoutes(sluice.graph(), callers, lists, sluice.clock(), AccelRedirect.of(settings));
        CrossSiteGuard crossSite = new CrossSiteGuard(sluice.securityLog(),
                path -> Hosting.isUploadPath(path) || Vulnerabilities.isImportPath(path) || Bundles.isImportPath(path)
                        || Pages.isFormPath(path));
        try {
            Javalin server = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                // Jackson 2, named: Javalin would take Jackson 3 wherever one is on the class path (a library's).
                config.jsonMapper(new io.javalin.json.JavalinJackson());
                config.startup.showOldJavalinVersionWarning = false;
                config.concurrency.useVirtualThreads = true;
                config.router.ignoreTrailingSlashes = false;
                config.http.compressionStrategy = CompressionStrategy.NONE; // pages are gzipped once, then cached
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
                // Javalin adds its own handler behind this one: what the simple API does not serve falls through.
                SimpleHandler simpleHandler = new SimpleHandler(simpleRoutes, answered, clientAddress);
                config.jetty.modifyServer(jetty -> jetty.setHandler(new Handler.Sequence(stoppingGate, simpleHandler)));

                config.routes.before(ctx -> answered.begin(new JavalinExchange(ctx)));
                config.routes.before(crossSite::check);
                config.routes.after(ctx -> answered.end(new JavalinExchange(ctx)));
                config.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
                config.routes.get("/ready", ctx -> {
                    Readiness readiness = sluice.readiness();
                    if (!readiness.ready()) {
                        ctx.header("Retry-After", "10");
                    }
                    ctx.status(readiness.ready() ? 200 : 503).contentType("application/json").result(readiness.json());
                });
                config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(sluice.metrics().scrape()));
                Endpoints.register(config.routes, sluice, callers);
                ErrorResponses.register(config.routes);
            });
            return new SluiceServer(server.start(), sluice, inFlight, stoppingGate);
        } catch (RuntimeException e) {
            sluice.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** Requests begun and not yet answered and logged: what a stop waits for. */
    public int requestsInFlight() {
        return inFlight.count();
    }

    /**
     * Stops: new requests are answered 503 (retry) while those running get {@link #GRACE} to finish; then the server
     * stops listening, waits for the requests in flight to reach the usage log, and closes everything.
     */
    @Override
    public void close() {
        stoppingGate.close();
        if (!inFlight.awaitIdle(GRACE)) {
            LOG.warn("requests still running {} s into the stop are cut off", GRACE.toSeconds());
        }
        server.stop();
        if (!inFlight.awaitIdle(Duration.ofSeconds(10))) {
            LOG.warn("requests still running 10 s after the server stopped; their usage events may be lost");
        }
        sluice.close();
    }
}
