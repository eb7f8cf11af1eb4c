package dev.sluice.inspection;

import dev.sluice.access.Callers;
import dev.sluice.archive.ArchiveLimits;
import dev.sluice.archive.InvalidDistributionException;
import dev.sluice.index.ContentCheck;
import dev.sluice.index.Repository;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.InvalidFilenameException;
import dev.sluice.pep.ProjectName;
import dev.sluice.util.LruMap;
import dev.sluice.vulnerabilities.Vulnerabilities;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import dev.sluice.store.ChangeFeed;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Malicious packages: every distribution is looked inside before anyone installs it (uploads before they are
 * acknowledged, proxied files before their last byte, cached files never judged on their next request, everything
 * again with {@code sluice inspect --all} when the rules change); each file's verdict is kept by sha256 with its
 * findings; malicious files are quarantined on every route (suspicious ones too where a route says so) until an
 * admin releases them; every verdict and decision is an audit event. The inspection feature's one entrance.
 */
public final class Inspection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Inspection.class);
    /** Which rules judged a verdict: raised whenever a rule is added or changed, so that inspect --all judges again. */
    public static final int RULES_VERSION = 3;
    /** A malicious-package record (OSV {@code MAL-}) names the file, by its sha256 or its project and version. */
    static final String OSV_MALICIOUS = "osv-malicious";
    /** The archive could not be read within its limits (a bomb, or far past every real distribution). */
    static final String ARCHIVE_LIMITS = "archive-limits";
    private static final int JUDGED_KEPT = 200_000;

    private final SqlVerdicts store;
    private final Inspector inspector;
    private final Vulnerabilities vulnerabilities;
    private final Supplier<Collection<String>> hostedNames;
    private final Path temporary;
    private final Clock clock;
    /** Every file not found clean, by sha256: the quarantine reads it on every page, so it lives in memory. */
    private final Map<String, StoredVerdict> flagged = new ConcurrentHashMap<>();
    /**
     * The worst verdict of a flagged file by filename: a file request whose filename no file at the route's threshold
     * has passes the quarantine without the page (a filename means the same bytes on one index).
     */
    private final Map<String, Verdict> flaggedFilenames = new ConcurrentHashMap<>();
    /** Files known to be judged (clean ones too), so that serving a cached file asks the catalog once. */
    private final Map<String, Boolean> judged = java.util.Collections.synchronizedMap(new LruMap<>(JUDGED_KEPT));
    /**
     * Writes clean verdicts after the answer: nothing waits on them (a clean file is served as if unjudged, and one lost
     * to a crash is judged again), while a flagged verdict is written before anything is served or refused.
     */
    private final java.util.concurrent.ExecutorService cleanWrites =
            java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofVirtual().name("inspection-writes").factory());

    /**
     * @param hostedNames the projects hosted here (normal form): names imitating them are findings like imitations of
     *     popular ones
     * @param temporary a folder for cached files copied out to be inspected
     * @param changes tells the other nodes of the catalog of a verdict or decision here, and this node of theirs
     */
    public Inspection(Jdbi jdbi, ChangeFeed changes, ArchiveLimits limits, Vulnerabilities vulnerabilities,
            Supplier<Collection<String>> hostedNames, Path temporary, Clock clock) {
        this.changes = changes;
        this.store = new SqlVerdicts(jdbi);
        this.inspector = new Inspector(limits);
        this.vulnerabilities = vulnerabilities;
        this.hostedNames = hostedNames;
        this.temporary = temporary;
        this.clock = clock;
        store.forEachFlagged(this::flag);
        changes.subscribe(CHANGES, this::reread);
    }

    /** The change feed's topic: a file (its sha256) was judged, released or blocked on some node. */
    private static final String CHANGES = "inspection";
    private final ChangeFeed changes;

    /** Takes another node's verdict or decision on a file ({@code *}: on every file) from the catalog. */
    private void reread(String sha256) {
        if (sha256.equals("*")) {
            store.forEachFlagged(this::flag);
        } else {
            StoredVerdict v = store.find(sha256);
            if (v != null && v.verdict() != Verdict.CLEAN) {
                flag(v);
                judged.put(sha256, Boolean.TRUE);
            }
        }
        verdictChanges.incrementAndGet();
    }

    /**
     * For uploads, before they are acknowledged: the reason to refuse a malicious one, else null. A suspicious upload
     * is accepted (it is the organisation's own) with its findings kept; a refused one's verdict is kept for the audit.
     */
    public String uploadRefusal(Path file, String sha256, DistributionFilename filename, ProjectName project) {
        StoredVerdict v = judge(file, filename, project, sha256, "upload");
        if (v.verdict() == Verdict.MALICIOUS && !v.released()) {
            return refusal(v);
        }
        rememberHostedName(project.value());
        return null;
    }

    /** What sources ask before they first serve a file's bytes. */
    public ContentCheck contentCheck() {
        return new ContentCheck() {
            @Override
            public boolean judged(String sha256) {
                return isJudged(sha256);
            }

            @Override
            public String knownRefusal(String sha256) {
                StoredVerdict v = flagged.get(sha256);
                return v != null && v.verdict() == Verdict.MALICIOUS && !v.released() ? Inspection.refusal(v) : null;
            }

            @Override
            public String refusal(ProjectName project, String filename, String sha256, Path file, String origin) {
                StoredVerdict v = flagged.get(sha256);
                if (v == null && !isJudged(sha256)) {
                    DistributionFilename parsed;
                    try {
                        parsed = DistributionFilename.parse(filename, project);
                    } catch (InvalidFilenameException e) {
                        return null; // not a distribution (the source serves what its index lists); nothing to look inside
                    }
                    v = judge(file, parsed, project, sha256, origin);
                }
                return v != null && v.verdict() == Verdict.MALICIOUS && !v.released() ? Inspection.refusal(v) : null;
            }
        };
    }

    /** Changes whenever a verdict or a decision on one changes: what was computed from verdicts is current while it holds. */
    public long verdictGeneration() {
        return verdictChanges.get();
    }

    private final java.util.concurrent.atomic.AtomicLong verdictChanges = new java.util.concurrent.atomic.AtomicLong();

    /** A file's verdict by its sha256, or null while it has not been judged. */
    public Verdict verdictOf(String sha256) {
        StoredVerdict v = flagged.get(sha256);
        if (v != null) {
            return v.released() ? Verdict.CLEAN : v.verdict();
        }
        return isJudged(sha256) ? Verdict.CLEAN : null;
    }

    /** Whether the name strongly resembles a popular project's or a hosted one's (a typosquat finding, not a note). */
    public boolean imitatesAnotherName(ProjectName project) {
        Collection<String> hosted = hostedOtherThan(project);
        return Inspector.resemblances(project, hosted).stream().anyMatch(r -> r.kind().strong());
    }

    /** The gate around a route: files at {@code threshold} or worse (malicious by default) are quarantined. */
    public Repository quarantine(Repository next, Verdict threshold) {
        return new Quarantine(next, threshold, flagged::get,
                filename -> flaggedFilenames.getOrDefault(filename, Verdict.CLEAN).atLeast(threshold), verdictChanges::get);
    }

    /** Inspects a file, keeps its verdict and the audit event, and returns it as kept. */
    StoredVerdict judge(Path file, DistributionFilename filename, ProjectName project, String sha256, String origin) {
        long started = System.nanoTime();
        Inspector.Report report;
        try {
            Collection<String> hosted = hostedOtherThan(project);
            report = inspector.inspect(file, filename, project, hosted);
        } catch (InvalidDistributionException e) {
            report = Inspector.Report.of(List.of(new Finding(ARCHIVE_LIMITS, Finding.Severity.SUSPICIOUS, filename.filename(), 0,
                    "cannot be read within the archive limits: " + e.getMessage())));
        }
        List<Finding> records = new ArrayList<>();
        for (String record : vulnerabilities.maliciousRecords(project, filename.version().toString(), sha256)) {
            records.add(new Finding(OSV_MALICIOUS, Finding.Severity.MALICIOUS, filename.filename(), 0, record));
        }
        report = report.with(records);
        StoredVerdict v = new StoredVerdict(sha256, project.value(), filename.filename(), origin, report.verdict(),
                report.reason(), report.findings(), RULES_VERSION, clock.instant(), null);
        SqlVerdicts.Event event = new SqlVerdicts.Event(v.inspected(), sha256, v.filename(), "inspected", null,
                v.verdict().label() + (v.reason() == null ? "" : ": " + v.reason()));
        StoredVerdict kept = v;
        if (v.verdict() == Verdict.CLEAN) {
            judged.put(sha256, Boolean.TRUE);
            flagged.remove(sha256);
            verdictChanges.incrementAndGet();
            cleanWrites.execute(() -> {
                try {
                    store.save(v, event);
                } catch (RuntimeException e) {
                    LOG.warn("the clean verdict of {} could not be kept (it is judged again when next asked): {}",
                            v.filename(), e.getMessage());
                }
            });
        } else {
            // In memory before the catalog: a file the catalog says is judged is looked up here next, and must be
            // found flagged, never served in between (a decision kept from before is put back just below).
            flag(flagged.getOrDefault(sha256, v).verdict() == v.verdict() ? flagged.getOrDefault(sha256, v) : v);
            store.save(v, event);
            kept = store.find(sha256); // with a decision kept, if any
            flag(kept);
            changes.publish(CHANGES, sha256);
            judged.put(sha256, Boolean.TRUE);
            verdictChanges.incrementAndGet();
        }
        if (kept.verdict() != Verdict.CLEAN) {
            LOG.warn("{} ({}, {}) inspected {} in {} ms: {}", kept.filename(), origin, kept.id(), kept.verdict().label(),
                    (System.nanoTime() - started) / 1_000_000, kept.findings().stream()
                            .filter(f -> f.severity() != Finding.Severity.NOTE).map(Finding::describe).toList());
        }
        return kept;
    }

    /** The hosted names, asked again at most every {@link #HOSTED_NAMES_KEPT_NANOS}: a new name is rare, inspections are many. */
    private Collection<String> hostedNames() {
        HostedNames known = hostedNamesKept;
        long now = System.nanoTime();
        if (known == null || now - known.at() > HOSTED_NAMES_KEPT_NANOS) {
            known = new HostedNames(List.copyOf(hostedNames.get()), now);
            hostedNamesKept = known;
        }
        return known.names();
    }

    /**
     * A new hosted name, protected from imitation from the next inspection on: added to the names kept rather than all
     * of them read again (a catalog of 600,000 names took 1.4 s to read, on every new project's upload).
     */
    private synchronized void rememberHostedName(String name) {
        HostedNames known = hostedNamesKept;
        if (known != null && !known.names().contains(name)) {
            hostedNamesKept = known.with(name);
        }
    }

    private record HostedNames(List<String> names, long at) {
        HostedNames with(String name) {
            List<String> more = new java.util.ArrayList<>(names.size() + 1);
            more.addAll(names);
            more.add(name);
            return new HostedNames(java.util.Collections.unmodifiableList(more), at);
        }
    }

    /** The hosted names a project's name is compared with: all but its own. */
    private List<String> hostedOtherThan(ProjectName project) {
        return hostedNames().stream().filter(n -> !n.equals(project.value())).toList();
    }

    private static final long HOSTED_NAMES_KEPT_NANOS = 10_000_000_000L;
    private volatile HostedNames hostedNamesKept;

    private void flag(StoredVerdict v) {
        flaggedFilenames.merge(v.filename(), v.verdict(), (a, b) -> a.atLeast(b) ? a : b);
        flagged.put(v.sha256(), v);
    }

    private boolean isJudged(String sha256) {
        if (flagged.containsKey(sha256) || judged.containsKey(sha256)) {
            return true;
        }
        Integer version = store.rulesVersion(sha256);
        if (version != null) {
            judged.put(sha256, Boolean.TRUE);
        }
        return version != null;
    }

    static String refusal(StoredVerdict v) {
        return "the inspection found '" + v.filename() + "' " + v.verdict().label() + " (" + v.id() + "): " + v.reason();
    }

    /** Flagged files, newest first: of a project, of a verdict, when given. */
    List<StoredVerdict> list(String project, Verdict verdict, int limit) {
        return store.list(project, verdict, limit);
    }

    /** A judged file by its sha256 or the start of it (at least 8 characters); null when none or several match. */
    StoredVerdict find(String id) {
        String prefix = id.toLowerCase(java.util.Locale.ROOT);
        if (!prefix.matches("[0-9a-f]{8,64}")) {
            return null;
        }
        settleWrites(); // a clean verdict reached a moment ago is asked for too
        List<StoredVerdict> found = store.byPrefix(prefix);
        return found.size() == 1 ? found.get(0) : null;
    }

    List<SqlVerdicts.Event> events(String sha256) {
        return store.events(sha256);
    }

    /** Releases a flagged file (served from now on) or keeps it blocked, with who and why; audited. */
    StoredVerdict decide(StoredVerdict v, String action, String actor, String reason) {
        StoredVerdict.Decision decision = new StoredVerdict.Decision(action, actor, reason, clock.instant());
        store.decide(v.sha256(), decision, new SqlVerdicts.Event(decision.at(), v.sha256(), v.filename(), action, actor, reason));
        StoredVerdict now = store.find(v.sha256());
        if (now.verdict() != Verdict.CLEAN) {
            flag(now);
        }
        verdictChanges.incrementAndGet();
        changes.publish(CHANGES, v.sha256());
        LOG.warn("{} ({}) {} by {}: {}", now.filename(), now.id(), action, actor, reason);
        return now;
    }

    /** One stored file {@code inspect --all} goes through. */
    public record Stored(String sha256, String project, String filename, String origin, Opener bytes) {}

    /** Opens a stored file's bytes. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** How far {@code inspect --all} has come. */
    @FunctionalInterface
    interface Progress {
        void step(int done, int total, String filename);
    }

    /** What {@code inspect --all} did. */
    record InspectAllReport(int files, int inspected, int current, int clean, int suspicious, int malicious, int failed,
            List<String> failures, long millis) {}

    /**
     * Judges every stored file again, skipping those the current rules already judged (unless {@code force}): the
     * work is resumable, since an interrupted run's judged files are current when it is started again.
     */
    InspectAllReport inspectAll(List<Stored> files, boolean force, Progress progress) throws IOException {
        long started = System.nanoTime();
        settleWrites();
        Files.createDirectories(temporary);
        int done = 0;
        int inspected = 0;
        int current = 0;
        int[] verdicts = new int[Verdict.values().length];
        List<String> failures = new ArrayList<>();
        for (Stored f : files) {
            progress.step(done++, files.size(), f.filename());
            Integer version = store.rulesVersion(f.sha256());
            if (!force && version != null && version == RULES_VERSION) {
                current++;
                continue;
            }
            Path copy = Files.createTempFile(temporary, "inspect", ".dist");
            try {
                try (InputStream in = f.bytes().open()) {
                    Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                ProjectName project = ProjectName.of(f.project());
                StoredVerdict v = judge(copy, DistributionFilename.parse(f.filename(), project), project, f.sha256(), f.origin());
                verdicts[v.verdict().ordinal()]++;
                inspected++;
            } catch (IOException | RuntimeException e) {
                failures.add(f.filename() + ": " + e.getMessage());
            } finally {
                Files.deleteIfExists(copy);
            }
        }
        progress.step(done, files.size(), null);
        return new InspectAllReport(files.size(), inspected, current, verdicts[0], verdicts[1], verdicts[2], failures.size(),
                failures.stream().limit(100).toList(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Waits until the clean verdicts reached so far are written. */
    void settleWrites() {
        try {
            cleanWrites.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Writes the clean verdicts still queued; call before the catalog closes. */
    @Override
    public void close() {
        cleanWrites.shutdown();
        try {
            if (!cleanWrites.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("clean verdicts still queued after 10 s were not written (they are judged again when next asked)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Binds the admin endpoints ({@code /admin/findings/...}, {@code /admin/inspect}). */
    public void registerEndpoints(RoutesConfig routes, Callers callers, Supplier<List<Stored>> storedFiles) {
        new InspectionApi(this, callers, storedFiles).register(routes);
    }
}
