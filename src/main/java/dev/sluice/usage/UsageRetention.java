package dev.sluice.usage;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prunes usage events older than the retention period: once at start, then once a day. */
final class UsageRetention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageRetention.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-usage-retention");
        t.setDaemon(true);
        return t;
    });

    UsageRetention(UsageStore store, Duration retention, Clock clock) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                long deleted = store.pruneBefore(clock.instant().minus(retention));
                if (deleted > 0) {
                    LOG.info("usage log: pruned {} event(s) older than {}", deleted, retention);
                }
            } catch (RuntimeException e) {
                LOG.warn("usage log: pruning failed: {}", e.toString());
            }
        }, 0, 1, TimeUnit.DAYS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
