package dev.sluice.access;

import dev.sluice.http.Pages;
import dev.sluice.http.Timestamps;
import dev.sluice.util.Durations;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The account's web pages: sign in and out, my tokens (made with scopes and an expiry, shown once, revoked), my
 * sessions (revoked), my projects; and for admins the users, teams, owners and security events. Every change is a
 * POST under {@link Pages#FORM_PREFIX} carrying the session's CSRF token, and is recorded as the API's are.
 */
public final class AccountPages {
    private static final String SIGN_IN_COOKIE = "sluice_signin";
    /** The expiries a token form offers, as people choose them. */
    private static final List<String> EXPIRIES = List.of("30d", "90d", "365d", "never");

    /** A token as the account page lists it. */
    public record TokenRow(String id, String description, String scopes, String created, String expires, String lastUsed,
            String state, boolean live) {}

    /** A session as the account page lists it. */
    public record SessionRow(String id, String client, String userAgent, String created, String state, boolean live,
            boolean current) {}

    /** An account as the administration page lists it. */
    public record UserRow(String name, boolean admin, boolean disabled, String teams) {}

    /** A security event as the administration page lists it. */
    public record EventRow(String at, String actor, String client, String action, String target, String outcome, String reason) {}

    private final Accounts accounts;
    private final Callers callers;
    private final Pages pages;
    private final java.time.Clock clock;

    public AccountPages(Accounts accounts, Callers callers, Pages pages, java.time.Clock clock) {
        this.accounts = accounts;
        this.callers = callers;
        this.pages = pages;
        this.clock = clock;
        pages.link("Administration", "/manage/", Pages.Visitor::admin);
    }

    public void register(RoutesConfig routes) {
        routes.get("/account/signin", this::signInForm);
        routes.post("/ui/signin", this::signIn);
        routes.post("/ui/signout", guarded(this::signOut));
        routes.get("/account/", guarded(this::account));
        routes.post("/ui/tokens", guarded(this::createToken));
        routes.post("/ui/tokens/revoke", guarded(this::revokeToken));
        routes.post("/ui/sessions/revoke", guarded(this::revokeSession));
        routes.get("/manage/", guarded(this::manage));
        routes.post("/ui/users/state", guarded(this::changeUser));
    }

    private Handler guarded(Handler handler) {
        return callers.page(pages, handler);
    }

    private void signInForm(Context ctx) {
        signInPage(ctx, 200, null, ctx.queryParam("next"));
    }

    private void signInPage(Context ctx, int status, String problem, String next) {
        String token = Sessions.newFormToken();
        ctx.header("Set-Cookie", cookie(ctx, SIGN_IN_COOKIE, token, Duration.ofHours(1)));
        ctx.header("Cache-Control", "no-store");
        pages.send(ctx, status, Pages.Visitor.ANONYMOUS, "Sign in", "access/signin.jte",
                Map.of("csrf", token, "next", localPath(next), "problem", problem == null ? "" : problem));
    }

    private void signIn(Context ctx) {
        String cookie = ctx.cookie(SIGN_IN_COOKIE);
        String sent = ctx.formParam("csrf");
        if (!Sessions.sameToken(sent, cookie)) {
            callers.log().refused(null, ctx.ip(), "sign in", ctx.path(), "the sign-in form's token is missing or wrong");
            signInPage(ctx, 403, "The form expired or came from another site. Please sign in again.", ctx.formParam("next"));
            return;
        }
        Sessions.Started started;
        try {
            started = callers.sessions().signIn(ctx.formParam("user"), ctx.formParam("password"), ctx.ip(), ctx.userAgent(),
                    ctx.path());
        } catch (AccessRefused refused) {
            signInPage(ctx, refused.status(), refused.status() == 429 ? refused.getMessage() : "Wrong user name or password.",
                    ctx.formParam("next"));
            return;
        }
        ctx.res().addHeader("Set-Cookie", cookie(ctx, Callers.SESSION_COOKIE, started.secret(), Sessions.LIFETIME));
        ctx.res().addHeader("Set-Cookie", cookie(ctx, SIGN_IN_COOKIE, "", Duration.ZERO));
        ctx.redirect(localPath(ctx.formParam("next")), HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx) {
        Callers.Person person = callers.requireForm(ctx);
        callers.sessions().revoke(person.identity(), ctx.ip(), person.sessionId());
        ctx.header("Set-Cookie", cookie(ctx, Callers.SESSION_COOKIE, "", Duration.ZERO));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private void account(Context ctx) {
        accountPage(ctx, callers.signedIn(ctx), null);
    }

    private void accountPage(Context ctx, Callers.Person person, ApiTokens.Created created) {
        Identity me = person.identity();
        Instant now = clock.instant();
        List<TokenRow> tokens = new ArrayList<>();
        for (AccountStore.Token t : accounts.tokensOf(me, ctx.ip(), null)) {
            boolean expired = t.expires() != null && !t.expires().isAfter(now);
            String state = t.revoked() != null ? "revoked " + when(t.revoked()) : expired ? "expired" : "active";
            tokens.add(new TokenRow(t.id(), t.description(), t.scopes(), when(t.created()), t.expires() == null ? "never" : when(t.expires()),
                    t.lastUsed() == null ? "never" : when(t.lastUsed()), state, t.revoked() == null && !expired));
        }
        String current = person.sessionId();
        List<SessionRow> sessions = new ArrayList<>();
        for (Sessions.Session s : callers.sessions().of(me.name())) {
            String state = s.revoked() != null ? "ended " + when(s.revoked()) : s.activeAt(now) ? "active until " + when(s.expires()) : "expired";
            sessions.add(new SessionRow(s.id(), s.client() == null ? "" : s.client(), s.userAgent() == null ? "" : s.userAgent(),
                    when(s.created()), state, s.activeAt(now), s.id().equals(current)));
        }
        List<String> scopes = me.admin() ? List.of("read", "upload", "admin") : List.of("read", "upload");
        if (created != null) {
            ctx.header("Cache-Control", "no-store"); // the new token is on this page only
        }
        pages.send(ctx, created == null ? 200 : 201, person.visitor(), "Your account", "access/account.jte", Map.of(
                "tokens", tokens, "sessions", sessions, "projects", accounts.projectsOf(me.name()), "scopes", scopes,
                "expiries", EXPIRIES, "created", created == null ? "" : created.secret(),
                "createdId", created == null ? "" : created.id()));
    }

    private void createToken(Context ctx) {
        Callers.Person person = callers.requireForm(ctx);
        List<Scope> scopes = new ArrayList<>();
        for (String s : ctx.formParams("scope")) {
            try {
                scopes.add(Scope.parse(s));
            } catch (IllegalArgumentException e) {
                pages.message(ctx, 400, person.visitor(), "Token not made", e.getMessage());
                return;
            }
        }
        if (scopes.isEmpty()) {
            pages.message(ctx, 400, person.visitor(), "Token not made", "Choose at least one scope: what the token may do.");
            return;
        }
        String expiry = ctx.formParam("expires");
        Duration expiresIn;
        try {
            expiresIn = expiry == null || expiry.equals("never") ? null : Durations.parse(expiry);
        } catch (IllegalArgumentException e) {
            pages.message(ctx, 400, person.visitor(), "Token not made", "'" + expiry + "' is not an expiry such as 30d.");
            return;
        }
        String description = ctx.formParam("description");
        ApiTokens.Created created = accounts.createToken(person.identity(), ctx.ip(), null,
                description == null ? "" : description.substring(0, Math.min(200, description.length())), scopes, expiresIn);
        accountPage(ctx, person, created);
    }

    private void revokeToken(Context ctx) {
        Callers.Person person = callers.requireForm(ctx);
        accounts.revokeToken(person.identity(), ctx.ip(), String.valueOf(ctx.formParam("id")));
        ctx.redirect("/account/", HttpStatus.SEE_OTHER);
    }

    private void revokeSession(Context ctx) {
        Callers.Person person = callers.requireForm(ctx);
        callers.sessions().revoke(person.identity(), ctx.ip(), String.valueOf(ctx.formParam("id")));
        ctx.redirect("/account/", HttpStatus.SEE_OTHER);
    }

    private void manage(Context ctx) {
        Callers.Person person = callers.signedIn(ctx);
        callers.requireAdmin(person, ctx);
        List<UserRow> users = accounts.accounts().stream()
                .map(a -> new UserRow(a.name(), a.admin(), a.disabled(), String.join(", ", a.teams()))).toList();
        List<EventRow> events = accounts.securityEvents(200).stream().map(e -> new EventRow(when(e.at()), orEmpty(e.actor()),
                orEmpty(e.client()), e.action(), orEmpty(e.target()), e.outcome(), orEmpty(e.reason()))).toList();
        pages.send(ctx, 200, person.visitor(), "Administration", "access/manage.jte", Map.of("users", users, "events", events,
                "owners", accounts.owners()));
    }

    private void changeUser(Context ctx) {
        Callers.Person person = callers.requireForm(ctx);
        callers.requireAdmin(person, ctx);
        String name = String.valueOf(ctx.formParam("user"));
        accounts.setDisabled(person.identity().name(), ctx.ip(), name, "disable".equals(ctx.formParam("action")));
        ctx.redirect("/manage/", HttpStatus.SEE_OTHER);
    }


    /** A cookie only this site's own requests carry, and never scripts (there are none, but a README could try). */
    private static String cookie(Context ctx, String name, String value, Duration life) {
        boolean tls = "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return name + "=" + value + "; Path=/; Max-Age=" + life.toSeconds() + "; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "");
    }

    /** Where to go after signing in: a path on this site, never another site ("//host", "/\\host", "https:..."). */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.length() > 500
                || next.chars().anyMatch(c -> c < 0x21 || c == 0x7F)) {
            return "/";
        }
        return next;
    }

    private static String when(Instant at) {
        return Timestamps.forPeople(at);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
