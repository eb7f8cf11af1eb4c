package dev.sluice.access;

import dev.sluice.http.Exchange;
import dev.sluice.http.JavalinExchange;
import dev.sluice.http.Pages;
import dev.sluice.http.RequestAttributes;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The caller of each request, found once by {@link RouteAccess} from its {@code Authorization} header and client
 * address, and kept on the request (the usage log names it): what every feature's endpoints ask about who calls.
 * The rules themselves are RouteAccess's.
 */
public final class Callers {
    /** How the usage log names authentication and permissions when they refuse a request. */
    public static final String ACCESS = "access";

    /** The web pages' session cookie. */
    public static final String SESSION_COOKIE = "sluice_session";
    private static final String PERSON = "sluice.person";

    /**
     * Who looks at a web page: the identity every read is made with, what the page's header and forms show, and the
     * session's id (null without one).
     */
    public record Person(Identity identity, Pages.Visitor visitor, String sessionId) {}

    private final RouteAccess access;
    private final Sessions sessions;

    public Callers(RouteAccess access, Sessions sessions) {
        this.access = access;
        this.sessions = sessions;
    }

    /**
     * The person looking at a web page: signed in with a session cookie, else whoever the request's credentials name
     * (a browser replaying pip's Basic credentials reads as that user, but has no session and so no forms).
     *
     * @throws AccessRefused 401, 429 for wrong credentials
     */
    public Person person(Context ctx) {
        Person known = ctx.attribute(PERSON);
        if (known != null) {
            return known; // a page asks several times; the session is looked up once
        }
        Person person = null;
        String secret = ctx.cookie(SESSION_COOKIE);
        if (secret != null && ctx.header("Authorization") == null) {
            Optional<Sessions.Signed> signed = sessions.find(secret);
            if (signed.isPresent()) {
                Identity identity = signed.get().identity();
                ctx.attribute(RequestAttributes.IDENTITY, identity);
                person = new Person(identity, new Pages.Visitor(identity.name(), identity.admin(), signed.get().csrf()),
                        signed.get().session().id());
            }
        }
        if (person == null) {
            person = new Person(identify(new JavalinExchange(ctx), "Basic"), Pages.Visitor.ANONYMOUS, null);
        }
        ctx.attribute(PERSON, person);
        return person;
    }

    /**
     * The signed-in person sending a page's form, whose CSRF token must match their session's.
     *
     * @throws AccessRefused 401 without a session, 403 for a missing or wrong token (recorded)
     */
    public Person requireForm(Context ctx) {
        Person person = person(ctx);
        if (!person.visitor().signedIn()) {
            throw new AccessRefused(401, "Sign in first: this form needs a session", null, 0);
        }
        if (!Sessions.sameToken(ctx.formParam("csrf"), person.visitor().csrf())) {
            throw access.log().forbidden(person.identity().name(), ctx.ip(), "form", ctx.path(),
                    "the form's CSRF token is missing or belongs to another session; reload the page and send it again");
        }
        return person;
    }

    /** The signed-in person looking at a page. @throws AccessRefused 401 without a session */
    public Person signedIn(Context ctx) {
        Person person = person(ctx);
        if (!person.visitor().signedIn()) {
            throw new AccessRefused(401, "Sign in first", null, 0);
        }
        return person;
    }

    /** Refuses (and records) a person who is not an administrator. @throws AccessRefused 403 */
    public void requireAdmin(Person person, Context ctx) {
        if (!person.identity().admin()) {
            throw access.log().forbidden(person.identity().name(), ctx.ip(), "admin page", ctx.path(),
                    "'" + person.identity().name() + "' is not an administrator");
        }
    }

    /**
     * A page's handler whose refusals are pages: a visitor without a session is sent to sign in (and brought back to
     * the page); any other refusal is a page saying why, with its status.
     */
    public io.javalin.http.Handler page(Pages pages, io.javalin.http.Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (AccessRefused refused) {
                if (refused.status() == 401 && ctx.method().name().equals("GET")) {
                    ctx.redirect("/account/signin?next=" + java.net.URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8),
                            io.javalin.http.HttpStatus.SEE_OTHER);
                    return;
                }
                pages.message(ctx, refused.status(), person(ctx).visitor(), "Not allowed", refused.getMessage());
            }
        };
    }

    public Sessions sessions() {
        return sessions;
    }

    /** The caller, {@link Identity#ANONYMOUS} when no credentials were sent. @throws AccessRefused 401, 429 */
    public Identity identify(Exchange exchange, String challenge) {
        Identity known = exchange.attribute(RequestAttributes.IDENTITY);
        if (known != null) {
            return known;
        }
        Identity identity = access.identify(exchange.header("Authorization"), exchange.ip(), exchange.path(), challenge);
        exchange.attribute(RequestAttributes.IDENTITY, identity);
        return identity;
    }

    /** The caller, who must have sent valid credentials. @throws AccessRefused 401, 429 */
    public Identity require(Context ctx, String challenge) {
        return access.requireKnown(identify(new JavalinExchange(ctx), challenge), challenge);
    }

    /** The caller, who must be an administrator with a Bearer token. @throws AccessRefused 401, 403, 429 */
    public Identity requireAdmin(Context ctx) {
        access.refuseBasicForAdmin(ctx.header("Authorization"), ctx.ip(), ctx.path());
        return access.requireAdmin(identify(new JavalinExchange(ctx), "Bearer"), ctx.ip(), ctx.path());
    }

    public SecurityLog log() {
        return access.log();
    }
}
