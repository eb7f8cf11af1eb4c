package dev.sluice.access;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every security decision (a failed or throttled login, a refused upload or admin call, an account,
 * token or owner change) in the catalog and the log. Callers pass names and reasons, never secrets.
 */
public final class SecurityLog {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityLog.class);

    private final AccountStore store;
    private final Clock clock;

    public SecurityLog(AccountStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Records a refusal of a permission and returns the 403 to throw, which tells the client why. */
    public AccessRefused forbidden(String actor, String client, String action, String target, String reason) {
        refused(actor, client, action, target, reason);
        return new AccessRefused(403, "Forbidden: " + reason, null, 0);
    }

    public void refused(String actor, String client, String action, String target, String reason) {
        LOG.warn("refused {} of {} by {} from {}: {}", action, target, actor == null ? "(unknown)" : actor, client, reason);
        store.record(new AccountStore.SecurityEvent(clock.instant(), actor, client, action, target, "refused", reason));
    }

    public void allowed(String actor, String client, String action, String target) {
        LOG.info("{} of {} by {} from {}", action, target, actor, client);
        store.record(new AccountStore.SecurityEvent(clock.instant(), actor, client, action, target, "allowed", null));
    }
}
