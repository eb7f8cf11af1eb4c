package dev.sluice.access;

import dev.sluice.http.Exchange;
import dev.sluice.http.JavalinExchange;
import dev.sluice.http.RequestAttributes;
import io.javalin.http.Context;

/**
 * The caller of each request, found once by {@link RouteAccess} from its {@code Authorization} header and client
 * address, and kept on the request (the usage log names it): what every feature's endpoints ask about who calls.
 * The rules themselves are RouteAccess's.
 */
public final class Callers {
    /** How the usage log names authentication and permissions when they refuse a request. */
    public static final String ACCESS = "access";

    private final RouteAccess access;

    public Callers(RouteAccess access) {
        this.access = access;
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
