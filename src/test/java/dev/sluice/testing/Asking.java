package dev.sluice.testing;

import dev.sluice.index.RequestContext;
import java.time.Instant;

/** The request context of a test that calls a repository directly: Sluice itself asking, as no route does. */
public final class Asking {
    public static final RequestContext ANYONE = RequestContext.internal(Instant.EPOCH);

    private Asking() {}
}
