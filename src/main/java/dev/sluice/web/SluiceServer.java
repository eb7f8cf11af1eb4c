package dev.sluice.web;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;

/**
 * The HTTP front of Sluice: binds routes to handlers and holds no policy. For now it answers
 * {@code /health}; the index routes arrive with the hosted source.
 */
public final class SluiceServer implements AutoCloseable {
    private final Javalin app;

    private SluiceServer(Javalin app) {
        this.app = app;
    }

    /** Starts listening. Port 0 picks a free port ({@link #port()} tells which). */
    public static SluiceServer start(String host, int port) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.jetty.host = host;
            config.jetty.port = port;
            config.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
            config.routes.error(HttpStatus.NOT_FOUND.getCode(), "*",
                    ctx -> ctx.contentType("text/plain; charset=utf-8").result("Not Found: " + ctx.path() + "\n"));
        });
        return new SluiceServer(app.start());
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
