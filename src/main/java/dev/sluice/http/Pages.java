package dev.sluice.http;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * How every feature sends a web page for people: its own template's HTML inside the shared layout (header, search,
 * the links the visitor may follow, sign-in state), with the headers that keep a page safe: a strict
 * Content-Security-Policy (nothing but this server's stylesheet: no script, frame or foreign form target), no
 * sniffing, no framing, no referrer to other sites. Forms post only to paths under {@value #FORM_PREFIX}, each with the
 * visitor's CSRF token.
 */
public final class Pages {
    /** Nothing but this server's own stylesheet: no script, no frame, no form posting elsewhere. */
    public static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    /** Where the pages' forms post: the one place form bodies (not JSON) are taken besides uploads. */
    public static final String FORM_PREFIX = "/ui/";

    /**
     * Who is looking at a page: signed in with a session ({@code csrf} then holds the token its forms must send back), or
     * anonymous ({@link #ANONYMOUS}).
     */
    public record Visitor(String name, boolean admin, String csrf) {
        public static final Visitor ANONYMOUS = new Visitor(null, false, null);

        public boolean signedIn() {
            return name != null;
        }
    }

    /** A link in the header, shown to the visitors the predicate accepts. */
    public record Link(String label, String href, Predicate<Visitor> shownTo) {}

    private final List<Link> links = new CopyOnWriteArrayList<>();

    /** Adds a link to every page's header (a feature's own pages: the moderation queue, the administration). */
    public void link(String label, String href, Predicate<Visitor> shownTo) {
        links.add(new Link(label, href, shownTo));
    }

    public static boolean isFormPath(String path) {
        return path.startsWith(FORM_PREFIX);
    }

    /** Sends {@code template} (under src/main/jte) rendered with {@code params}, inside the layout. */
    public void send(Context ctx, int status, Visitor visitor, String title, String template, Map<String, Object> params) {
        Map<String, Object> withVisitor = new HashMap<>(params);
        withVisitor.put("visitor", visitor);
        String body = Templates.render(template, withVisitor);
        List<Link> shown = links.stream().filter(l -> l.shownTo().test(visitor)).toList();
        String page = Templates.render("layout.jte", Map.of("title", title, "visitor", visitor, "links", shown, "body", body,
                "here", ctx.path()));
        ctx.header("Content-Security-Policy", POLICY).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin").header("X-Frame-Options", "DENY");
        ctx.status(status).contentType("text/html; charset=utf-8").result(page);
    }

    /** A page that says one thing: a refusal, a missing project, a finished action. */
    public void message(Context ctx, int status, Visitor visitor, String title, String message) {
        send(ctx, status, visitor, title, "message.jte", Map.of("title", title, "message", message));
    }

    /** This server's address as the client reached it, for the URLs a page shows (pip's index URL). */
    public static String base(Context ctx) {
        String url = ctx.url();
        return url.substring(0, url.indexOf('/', url.indexOf("://") + 3));
    }
}
