package dev.sluice.usage;

import dev.sluice.access.Callers;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who fetched what: events recorded as requests are answered (when the log is on), kept for the retention period,
 * copied to a JSON lines file if asked, and the questions people ask of them, with their endpoints. The usage
 * feature's one entrance.
 */
public final class Usage implements AutoCloseable {
    /**
     * Who downloaded files: one row per identity, address, installer version and Python version, with counts and
     * first and last time.
     */
    public record Fetcher(String identity, String clientAddress, String installer, String installerVersion, String python,
            long downloads, Instant first, Instant last) {}

    /** A count by a key and (for some questions) a second key. */
    public record Count(String key, String subKey, long count) {}

    private static final Logger LOG = LoggerFactory.getLogger(Usage.class);
    private static final int QUEUE = 100_000;

    private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");

    private final SqlUsageStore store;
    private final UsageReports reports;
    private final JsonLinesSink jsonLines;
    private final UsageLog log;
    private final UsageRetention retention;
    private final Clock clock;

    public Usage(Jdbi jdbi, UsageSettings settings, Clock clock) throws IOException {
        this.clock = clock;
        this.store = new SqlUsageStore(jdbi);
        this.reports = new UsageReports(store);
        this.jsonLines = settings.jsonLines() == null ? null : new JsonLinesSink(settings.jsonLines());
        this.log = settings.enabled() ? new UsageLog(store, QUEUE, jsonLines) : null;
        this.retention = settings.retention() == null ? null : new UsageRetention(store, settings.retention(), clock);
    }

    /** Whether events are recorded (the log can be switched off; its questions still answer). */
    public boolean recording() {
        return log != null;
    }

    /** Queues the event of an answered request; never blocks. Nothing when the log is off. */
    public void record(UsageStore.Event event) {
        if (log != null) {
            log.record(event);
        }
    }

    /** Events waiting to be written. */
    public int queued() {
        return log == null ? 0 : log.queued();
    }

    public long written() {
        return log == null ? 0 : log.written();
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return log == null ? 0 : log.dropped();
    }

    /** Who downloaded these versions of a project (all versions when null), all time. */
    public java.util.List<Fetcher> downloaders(String project, java.util.Collection<String> versions) {
        return store.whoFetched(project, versions, Instant.EPOCH, FAR_FUTURE);
    }

    /** The versions of a project that were downloaded. */
    public java.util.List<String> downloadedVersions(String project) {
        return store.loggedVersions(project);
    }

    /** Downloads since a time of these projects, by project (key) and version (subKey). */
    public java.util.List<Count> downloadsByVersion(java.util.Collection<String> projects, Instant since) {
        return store.downloadsByVersion(projects, since, FAR_FUTURE);
    }

    /** A project's downloads per day since a time: key the day (yyyy-mm-dd, UTC), subKey the version. */
    public java.util.List<Count> downloadsPerDay(String project, Instant since) {
        return store.downloadsPerDay(project, since, FAR_FUTURE);
    }

    /** Binds {@code /admin/usage/...} (who fetched, downloads, top projects, refusals, export, prune) and its page. */
    public void registerEndpoints(RoutesConfig routes, Callers callers, dev.sluice.http.Pages pages) {
        new UsageApi(reports, callers).register(routes);
        new UsagePages(reports, callers, pages, clock).register(routes);
    }

    /** Writes what is pending, then stops; call it after the last request. */
    @Override
    public void close() {
        if (log != null) {
            log.close();
        }
        if (retention != null) {
            retention.close();
        }
        if (jsonLines != null) {
            try {
                jsonLines.close();
            } catch (IOException e) {
                LOG.warn("closing the usage JSON lines file failed: {}", e.getMessage());
            }
        }
    }
}
