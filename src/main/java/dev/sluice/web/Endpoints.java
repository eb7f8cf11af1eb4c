package dev.sluice.web;

import dev.sluice.access.AccountPages;
import dev.sluice.access.AccountsApi;
import dev.sluice.access.Callers;
import dev.sluice.access.TokensApi;
import dev.sluice.app.Sluice;
import dev.sluice.http.Pages;
import dev.sluice.ui.Ui;
import io.javalin.config.RoutesConfig;

/**
 * The features' endpoints, bound to what {@link Sluice} built: uploads ({@code /legacy/}), release and name
 * administration, accounts and teams, tokens, the usage log, config reload, the Warehouse JSON API, and known
 * vulnerabilities (the OSV API and their administration).
 */
final class Endpoints {
    /** The default route, whose JSON API is at /pypi/. */
    static final String SIMPLE = "/simple/";

    private Endpoints() {}

    static void register(RoutesConfig routes, Sluice sluice, Callers callers) {
        sluice.hosting().registerEndpoints(routes, callers, sluice.accounts(), sluice.uploadPermission(),
                () -> sluice.graph().current().graph().config().hosted() != null);
        new WarehouseJsonApi(sluice.graph(), sluice.hosting(), callers, sluice.clock(), sluice.vulnerabilities()).register(routes);
        new AccountsApi(sluice.accounts(), callers).register(routes);
        new TokensApi(sluice.accounts(), callers).register(routes);
        new ReloadEndpoint(sluice::reload, callers).register(routes);
        Pages pages = new Pages();
        sluice.usage().registerEndpoints(routes, callers, pages);
        sluice.vulnerabilities().registerEndpoints(routes, callers);
        sluice.inspection().registerEndpoints(routes, callers, sluice::storedFiles);
        sluice.moderation().registerEndpoints(routes, callers, pages);
        sluice.bundles().registerEndpoints(routes, callers, sluice::routeNamed);
        sluice.integrity().registerEndpoints(routes, callers);
        new AccountPages(sluice.accounts(), callers, pages, sluice.clock()).register(routes);
        new Ui(() -> sluice.graph().current().graph().paths(), path -> sluice.graph().current().graph().route(path),
                path -> sluice.graph().current().graph().config().routeAt(path).name(), callers, pages,
                new Ui.Facts(sluice.usage(), sluice.vulnerabilities(), sluice.inspection(), sluice::hostedNames,
                        sluice.database()), sluice.clock())
                .registerEndpoints(routes);
    }
}
