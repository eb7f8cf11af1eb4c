package dev.sluice.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every node sharing a catalog what another changed, so that what each keeps in memory (pages, decisions,
 * verdicts, advisories) follows within a second. A change is a row of {@code catalog_change} (topic and subject, the
 * database's time); each node reads the rows newer than the last it saw, several times a second, and hands each to the
 * features listening to its topic; a node does not hear its own changes. Listeners only forget or reload, so hearing
 * a change twice is harmless.
 *
 * <p>Rows are read again for a while after they appear: ids of concurrent transactions are handed out before they
 * commit, so a row with a lower id can become visible after one with a higher id has been read. A SQLite catalog has
 * one node: publishing and listening do nothing there.
 */
public final class ChangeFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    /** How often the other nodes' changes are read: well within the second a node may lag behind another. */
    public static final Duration POLL = Duration.ofMillis(200);
    /** How long rows are read again: longer than any transaction that writes one stays open. */
    static final Duration REREAD = Duration.ofSeconds(30);
    /** How long rows are kept: a node that stops hearing for longer forgets everything it kept (see {@link #poll}). */
    static final Duration KEPT = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final boolean shared;
    /** This node, in the rows it writes: a new name each start. */
    private final String origin = java.util.UUID.randomUUID().toString();
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    /** The ids read in the last {@link #REREAD}, with their times, so that a row read again is not told again. */
    private final Map<Long, Long> told = new java.util.HashMap<>();
    private long newestMicros = -1;
    private long lastCleaned;
    private ScheduledExecutorService poller;

    /** For parts used alone (tests, tools): nothing is told, nothing is heard. */
    public static final ChangeFeed ALONE = new ChangeFeed(null, false);

    public ChangeFeed(Database database) {
        this(database.jdbi(), database.engine() == Database.Engine.POSTGRESQL);
    }

    private ChangeFeed(Jdbi jdbi, boolean shared) {
        this.jdbi = jdbi;
        this.shared = shared;
    }

    /** Whether other nodes may share this catalog (and changes are told at all). */
    public boolean shared() {
        return shared;
    }

    /** Tells the other nodes that something under the topic changed (a project's name, or {@code *} for everything). */
    public void publish(String topic, String subject) {
        if (!shared) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO catalog_change (topic, subject, origin) VALUES (:topic, :subject, :origin)")
                .bind("topic", topic).bind("subject", subject).bind("origin", origin).execute());
    }

    /**
     * Calls the listener with the subject of every change to the topic another node makes from now on, on the feed's
     * own thread. Also called with {@code *} when the node may have missed changes (the
     * catalog was unreachable for longer than rows are kept).
     */
    public void subscribe(String topic, Consumer<String> listener) {
        if (!shared) {
            return;
        }
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** Starts reading changes (on a shared catalog); everything before now is taken as known. */
    public synchronized void start() {
        if (!shared || poller != null) {
            return;
        }
        newestMicros = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(at_micros), 0) FROM catalog_change")
                .mapTo(Long.class).one());
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-change-feed");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollQuietly, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // The catalog is down (readiness says so); the next poll catches up.
            LOG.debug("reading the catalog's changes failed: {}", e.getMessage());
        }
    }

    /** Reads and tells the changes not yet told; visible to tests, which call it instead of waiting. */
    synchronized void poll() {
        record Row(long id, String topic, String subject, long micros) {}
        long since = newestMicros - REREAD.toNanos() / 1000;
        List<Row> rows = jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, topic, subject, at_micros FROM catalog_change WHERE at_micros > :since AND origin <> :origin"
                                + " ORDER BY id")
                .bind("since", since).bind("origin", origin)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list());
        long oldest = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MIN(at_micros), 0) FROM catalog_change")
                .mapTo(Long.class).one());
        if (oldest > newestMicros && newestMicros > 0) {
            // Rows this node never read were removed: it cannot know what changed, so everything is forgotten.
            listeners.forEach((topic, list) -> list.forEach(l -> tell(l, topic, "*")));
        }
        for (Row row : rows) {
            if (told.putIfAbsent(row.id(), row.micros()) == null) {
                listeners.getOrDefault(row.topic(), List.of()).forEach(l -> tell(l, row.topic(), row.subject()));
            }
            newestMicros = Math.max(newestMicros, row.micros());
        }
        long forgetBefore = newestMicros - 2 * REREAD.toNanos() / 1000;
        told.values().removeIf(micros -> micros < forgetBefore);
        long nowMillis = System.currentTimeMillis();
        if (nowMillis - lastCleaned > Duration.ofMinutes(5).toMillis()) {
            lastCleaned = nowMillis;
            long keepAfter = newestMicros - KEPT.toNanos() / 1000;
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM catalog_change WHERE at_micros < :before").bind("before", keepAfter).execute());
        }
    }

    private static void tell(Consumer<String> listener, String topic, String subject) {
        try {
            listener.accept(subject);
        } catch (RuntimeException e) {
            LOG.warn("a listener of the catalog's {} changes failed on {}: {}", topic, subject, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
