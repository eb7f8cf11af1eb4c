package dev.sluice.usage;

import dev.sluice.access.Callers;
import dev.sluice.http.Pages;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The usage report's page for admins ({@code /manage/usage}): the most downloaded projects and what was refused and why,
 * over the last 7 or 30 days, from the usage log (the API's questions, read by a person).
 */
final class UsagePages {
    private final UsageReports reports;
    private final Callers callers;
    private final Pages pages;
    private final Clock clock;

    UsagePages(UsageReports reports, Callers callers, Pages pages, Clock clock) {
        this.reports = reports;
        this.callers = callers;
        this.pages = pages;
        this.clock = clock;
        pages.link("Usage", "/manage/usage", Pages.Visitor::admin);
    }

    void register(RoutesConfig routes) {
        routes.get("/manage/usage", callers.page(pages, this::report));
    }

    private void report(Context ctx) {
        Callers.Person person = callers.signedIn(ctx);
        callers.requireAdmin(person, ctx);
        int days = "30".equals(ctx.queryParam("days")) ? 30 : 7;
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofDays(days));
        pages.send(ctx, 200, person.visitor(), "Usage", "usage/report.jte", Map.of("days", days,
                "top", reports.topProjects(since, now, 50), "refusals", reports.refusals(since, now)));
    }
}
