package dev.sluice.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.access.Callers;
import dev.sluice.config.ConfigError;
import dev.sluice.config.ConfigException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /admin/config/reload} (admin token): reads the config file again and serves its graph, as
 * SIGHUP does. Answers 200 {@code {"routes": [...]}}, or 400 {@code {"errors": ["file:line: key: message"]}}
 * with the running graph unchanged.
 */
final class ReloadEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a reload does (the server's). */
    @FunctionalInterface
    interface Reload {
        List<String> reload() throws Exception;
    }

    private final Reload reload;
    private final Callers callers;

    ReloadEndpoint(Reload reload, Callers callers) {
        this.reload = reload;
        this.callers = callers;
    }

    void register(RoutesConfig routes) {
        routes.post("/admin/config/reload", this::handle);
    }

    private void handle(Context ctx) throws Exception {
        callers.requireAdmin(ctx);
        Map<String, Object> answer;
        try {
            answer = Map.of("routes", reload.reload());
        } catch (ConfigException e) {
            ctx.status(400);
            answer = Map.of("errors", e.errors().stream().map(ConfigError::toString).toList());
        }
        ctx.contentType("application/json").result(JSON.writeValueAsString(answer));
    }
}
