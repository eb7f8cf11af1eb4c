package dev.sluice.index;

import java.time.Instant;

/**
 * Who asks, through which route, from where and when: passed with every {@link Repository} call, as
 * simple-repository passes its request context, so that per-route and per-user decisions (read access, moderation
 * showing pending files to moderators) can be gates rather than code in the HTTP layer.
 *
 * @param route the route's name, or null for a call no route made
 * @param client the client's address, or null
 * @param asOf the moment a snapshot shows the index as it was, or null for now: sources that can say which projects
 *     had files then list only those
 */
public record RequestContext(Caller caller, String route, String client, Instant time, Instant asOf) {
    public RequestContext(Caller caller, String route, String client, Instant time) {
        this(caller, route, client, time, null);
    }

    /** This context, asking about the index as it was at {@code at}. */
    public RequestContext asOf(Instant at) {
        return new RequestContext(caller, route, client, time, at);
    }

    /** Sluice asking on its own behalf, not for a request. */
    public static RequestContext internal(Instant time) {
        return new RequestContext(Caller.SERVER, null, null, time);
    }
}
