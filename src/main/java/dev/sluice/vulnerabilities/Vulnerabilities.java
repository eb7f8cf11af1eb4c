package dev.sluice.vulnerabilities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.access.Callers;
import dev.sluice.index.Repository;
import dev.sluice.pep.ProjectName;
import dev.sluice.store.ChangeFeed;
import dev.sluice.store.Leases;
import dev.sluice.usage.Usage;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Known vulnerabilities: OSV advisories imported from a file or kept current from a URL, matched against every
 * version served, shown in the JSON API and an OSV-compatible API, applied by the {@code vulnerability-policy} gate,
 * and joined with the usage log to say who installed an affected version. The feature's one entrance.
 */
public final class Vulnerabilities implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Vulnerabilities.class);

    /** Who downloaded the affected versions of one project. */
    record ProjectImpact(String project, List<String> versions, List<Usage.Fetcher> downloaders) {}

    /** A downloaded version some advisory affects. */
    record AffectedDownload(String project, String version, long downloads, List<Advisory> advisories) {}

    private final SqlAdvisoryStore store;
    private final OsvImport importer;
    private final Usage usage;
    private final Path temporary;
    private final Clock clock;
    private final VulnerabilitySettings settings;
    private final ReentrantLock importing = new ReentrantLock();
    private final ScheduledExecutorService refresher;
    private volatile AdvisoryIndex index;
    /** When the data was last confirmed current: an import, or a source answering that nothing changed. */
    private volatile Instant confirmed;

    /** @param temporary a folder for downloads and uploaded zips */
    public Vulnerabilities(Jdbi jdbi, VulnerabilitySettings settings, Usage usage, Path temporary, Clock clock) {
        this(jdbi, ChangeFeed.ALONE, Leases.ALONE, settings, usage, temporary, clock);
    }

    /**
     * @param changes tells the other nodes of the catalog of an import here, and this node of one there
     * @param leases which node refreshes from the source when several share the catalog
     */
    public Vulnerabilities(Jdbi jdbi, ChangeFeed changes, Leases leases, VulnerabilitySettings settings, Usage usage,
            Path temporary, Clock clock) {
        this.changes = changes;
        this.leases = leases;
        this.store = new SqlAdvisoryStore(jdbi);
        this.importer = new OsvImport(store, clock);
        this.usage = usage;
        this.temporary = temporary;
        this.clock = clock;
        this.settings = settings;
        this.index = AdvisoryIndex.build(store::forEachInForce, 1);
        changes.subscribe(CHANGES, subject -> rebuildIndex());
        SqlAdvisoryStore.ImportRow last = store.lastImport(null);
        this.confirmed = last == null ? null : last.finished();
        if (settings.source() != null) {
            refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("vulnerability-refresh").factory());
            refresher.scheduleWithFixedDelay(this::refresh, 0, settings.refresh().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            refresher = null;
        }
    }

    /** The gate {@code vulnerability-policy} around a node. */
    public Repository policy(Repository next, String gateName, PolicyRules rules) {
        return new VulnerabilityPolicy(next, gateName, rules, () -> index, clock);
    }

    AdvisoryIndex index() {
        return index;
    }

    SqlAdvisoryStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    /** Imports a zip or a folder; the advisories in force change at once when it changed anything. */
    ImportReport importFrom(Path source, String name, OsvImport.Progress progress) throws ImportFailed {
        importing.lock();
        try {
            return imported(importer.run(source, new OsvImport.Origin(name, null, null), progress));
        } finally {
            importing.unlock();
        }
    }

    /**
     * The OSV records in force (as imported) that name any of these projects, by id: what a bundle carries to a closed
     * Sluice so that its vulnerability data covers what it serves.
     */
    public Map<String, String> recordsOf(java.util.Collection<ProjectName> projects) {
        AdvisoryIndex now = index;
        java.util.Set<String> ids = new java.util.TreeSet<>();
        projects.forEach(p -> now.ofProject(p).forEach(a -> ids.add(a.id())));
        return new java.util.TreeMap<>(store.json(ids));
    }

    /** Imports a zip of OSV records carried in from another Sluice (a bundle's); says what it did in a line. */
    public String importCarried(Path zip, String name) throws java.io.IOException {
        try {
            ImportReport report = importFrom(zip, name, (done, total) -> {});
            return report.read + " read, " + report.added + " added, " + report.updated + " updated";
        } catch (ImportFailed e) {
            throw new java.io.IOException("the advisories of " + name + " were not imported: " + e.getMessage(), e);
        }
    }

    /** Imports the zip at a URL, unless it answers that nothing changed since the last import of it. */
    ImportReport importUrl(URI url, OsvImport.Progress progress) throws ImportFailed {
        importing.lock();
        try {
            SqlAdvisoryStore.ImportRow last = store.lastImport(url.toString());
            Files.createDirectories(temporary);
            ZipDownload.Fetched fetched = ZipDownload.fetch(url, last == null ? null : last.etag(),
                    last == null ? null : last.lastModified(), temporary);
            if (fetched.file() == null) {
                ImportReport unchanged = new ImportReport(url.toString());
                unchanged.notModified = true;
                confirmed = clock.instant();
                return unchanged;
            }
            try {
                return imported(importer.run(fetched.file(), new OsvImport.Origin(url.toString(), fetched.etag(),
                        fetched.lastModified()), progress));
            } finally {
                Files.deleteIfExists(fetched.file());
            }
        } catch (IOException e) {
            throw new ImportFailed("nothing was imported: " + e.getMessage(), e);
        } finally {
            importing.unlock();
        }
    }

    private ImportReport imported(ImportReport report) {
        confirmed = clock.instant();
        if (report.added + report.updated > 0) {
            rebuildIndex();
            changes.publish(CHANGES, "*");
        }
        LOG.info("vulnerability import from {}: {} read, {} added, {} updated, {} withdrawn, {} skipped in {} ms",
                report.source, report.read, report.added, report.updated, report.withdrawn, report.skippedCount,
                report.took.toMillis());
        return report;
    }

    /** The change feed's topic: advisories were imported on some node. */
    private static final String CHANGES = "advisories";
    private final ChangeFeed changes;
    private final Leases leases;
    /** Longer than any import takes: the node refreshing holds it throughout, and a dead node's is taken over later. */
    private static final Duration REFRESH_LEASE = Duration.ofMinutes(30);

    private synchronized void rebuildIndex() {
        index = AdvisoryIndex.build(store::forEachInForce, index.generation() + 1);
    }

    private void refresh() {
        String source = settings.source().toString();
        try {
            if (!leases.acquire("vulnerabilities", source, REFRESH_LEASE)) {
                LOG.debug("another node is refreshing vulnerabilities from {}", source);
                return;
            }
        } catch (RuntimeException e) {
            LOG.warn("refreshing vulnerabilities from {} waits: the catalog cannot be asked who refreshes ({})", source, e.getMessage());
            return;
        }
        try {
            ImportReport report = importUrl(settings.source(), (done, total) -> {});
            if (report.notModified) {
                LOG.debug("vulnerability source {} unchanged", settings.source());
            }
        } catch (ImportFailed | RuntimeException e) {
            LOG.warn("refreshing vulnerabilities from {} failed (the data in force stays): {}", settings.source(),
                    e.getMessage());
        } finally {
            try {
                leases.release("vulnerabilities", source);
            } catch (RuntimeException e) {
                LOG.debug("releasing the refresh lease failed (it runs out by itself): {}", e.getMessage());
            }
        }
    }

    /** Which state of the advisories is in force: it changes with every import that changed something. */
    public long dataGeneration() {
        return index.generation();
    }

    /** Advisories in force (not withdrawn), for the metrics. */
    public int inForce() {
        return index.size();
    }

    /** Seconds since the data was last confirmed current (imported, or a source said unchanged); -1 before any import. */
    public double dataAgeSeconds() {
        Instant at = confirmed;
        return at == null ? -1 : java.time.Duration.between(at, clock.instant()).toMillis() / 1000.0;
    }

    /**
     * The malicious-package records (OSV {@code MAL-}) that name a file: by its sha256 where a record lists the files'
     * hashes, else by project and version; each as {@code MAL-2026-1: Malicious code in foo (PyPI)}.
     */
    public List<String> maliciousRecords(ProjectName project, String version, String sha256) {
        AdvisoryIndex now = index;
        Advisory byHash = sha256 == null ? null : now.listingFile(sha256);
        List<Advisory> found = byHash != null ? List.of(byHash)
                : now.affecting(project, version).stream().filter(Advisory::malicious).toList();
        return found.stream().map(a -> a.id() + (a.summary() == null ? "" : ": " + a.summary())).toList();
    }

    /**
     * How bad the worst advisory affecting a version is: {@code malicious} for a malicious-package record, else its
     * severity band ({@code critical}, {@code high}, {@code medium}, {@code low}, {@code unknown-severity}); null when
     * none affects it.
     */
    public String worstBand(ProjectName project, String version) {
        List<Advisory> affecting = index.affecting(project, version);
        if (affecting.isEmpty()) {
            return null;
        }
        Advisory worst = affecting.get(0);
        return affecting.stream().anyMatch(Advisory::malicious) ? "malicious" : worst.severity().band().label();
    }

    /** The advisories affecting a version, in the shape of Warehouse's JSON API ({@code vulnerabilities}). */
    public ArrayNode warehouseList(ProjectName project, String version) {
        List<Advisory> affecting = index.affecting(project, version);
        ArrayNode list = OsvRecordParser.JSON.createArrayNode();
        if (affecting.isEmpty()) {
            return list;
        }
        Map<String, String> records = store.json(affecting.stream().map(Advisory::id).toList());
        for (Advisory a : affecting) {
            JsonNode record = parse(records.get(a.id()));
            ObjectNode v = list.addObject();
            ArrayNode aliases = v.putArray("aliases");
            a.aliases().forEach(aliases::add);
            v.put("details", OsvRecordParser.text(record, "details"));
            ArrayNode fixed = v.putArray("fixed_in");
            a.fixedIn(project).forEach(fixed::add);
            v.put("id", a.id());
            v.put("link", "https://osv.dev/vulnerability/" + a.id());
            v.put("source", "osv");
            v.put("summary", OsvRecordParser.text(record, "summary"));
            v.putNull("withdrawn");
        }
        return list;
    }

    static JsonNode parse(String json) {
        try {
            return json == null ? OsvRecordParser.JSON.createObjectNode() : OsvRecordParser.JSON.readTree(json);
        } catch (IOException e) {
            return OsvRecordParser.JSON.createObjectNode();
        }
    }

    /** Who downloaded a version the advisory (by id or alias) affects, per project; null when no advisory is so named. */
    List<ProjectImpact> impact(String id) {
        Advisory advisory = index.named(id);
        if (advisory == null) {
            return null;
        }
        List<ProjectImpact> out = new ArrayList<>();
        for (ProjectName project : advisory.affected().stream().map(AffectedPackage::project).distinct().toList()) {
            List<String> versions = usage.downloadedVersions(project.value()).stream()
                    .filter(v -> AdvisoryIndex.affects(advisory, project, v)).sorted().toList();
            out.add(new ProjectImpact(project.value(), versions,
                    versions.isEmpty() ? List.of() : usage.downloaders(project.value(), versions)));
        }
        return out;
    }

    /** Every affected version downloaded since the time, worst advisory first, then most downloaded. */
    List<AffectedDownload> affected(Instant since) {
        AdvisoryIndex now = index;
        List<AffectedDownload> out = new ArrayList<>();
        Map<String, ProjectName> names = new java.util.HashMap<>(); // one name per project, not one per row
        for (Usage.Count c : usage.downloadsByVersion(now.projects(), since)) {
            if (c.subKey() == null) {
                continue;
            }
            List<Advisory> affecting = now.affecting(names.computeIfAbsent(c.key(), ProjectName::of), c.subKey());
            if (!affecting.isEmpty()) {
                out.add(new AffectedDownload(c.key(), c.subKey(), c.count(), affecting));
            }
        }
        out.sort(Comparator.comparing((AffectedDownload d) -> d.advisories().get(0), Advisory.WORST_FIRST)
                .thenComparing(Comparator.comparingLong(AffectedDownload::downloads).reversed())
                .thenComparing(AffectedDownload::project).thenComparing(AffectedDownload::version));
        return out;
    }

    /** Whether the path is the import endpoint, whose body is a zip rather than JSON. */
    public static boolean isImportPath(String path) {
        return path.equals(VulnerabilitiesApi.IMPORT);
    }

    /** Binds the OSV API ({@code /v1/...}) and the admin endpoints ({@code /admin/vulnerabilities/...}). */
    public void registerEndpoints(RoutesConfig routes, Callers callers) {
        new OsvApi(this).register(routes);
        new VulnerabilitiesApi(this, callers).register(routes);
    }

    Path temporary() {
        return temporary;
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
