package dev.sluice.proxy;

import dev.sluice.index.CarriedIn;
import dev.sluice.index.ContentCheck;
import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.Resource;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;
import dev.sluice.pep.WheelFilename;
import dev.sluice.proxy.ProxyCatalog.CachedBlob;
import dev.sluice.proxy.ProxyCatalog.CachedPage;
import dev.sluice.store.BlobStore;
import dev.sluice.store.Leases;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An upstream simple index (PyPI, or any PEP 503/691 index) served from Sluice's own stores. Pages are kept
 * for a TTL, then revalidated; when the upstream fails, the last good page is served and marked stale;
 * upstream 404s are remembered briefly. Files are fetched once, verified against the index's sha256 and kept:
 * a cached file is served without asking the upstream again (files are immutable). It serves whatever the
 * upstream lists: it does not protect against dependency confusion by itself (that is FirstOwner's work).
 */
public final class ProxySource implements Repository, CarriedIn, AutoCloseable {
    private final UpstreamSettings settings;
    private final ProxyCatalog catalog;
    private final Clock clock;
    private final ProxyCounters counters;
    private final StallWatchdog watchdog = new StallWatchdog();
    private final BuiltPages builtPages = new BuiltPages(1_000);
    private final CachedBlobs cached;
    private final UpstreamPages pages;
    private final UpstreamFiles files;
    private final UpstreamMetadata metadata;
    private final UpstreamCircuit circuit;
    private final BlobStore blobs;

    /**
     * @param counters where this source counts its cache hits, fetches and upstream failures
     * @param check what judges a file before its first client gets the last byte
     */
    public ProxySource(UpstreamSettings settings, ProxyCatalog catalog, BlobStore blobs, Clock clock, ProxyCounters counters,
            ContentCheck check) {
        this(settings, catalog, blobs, clock, counters, check, Leases.ALONE, sha256 -> true);
    }

    /**
     * @param leases which node downloads a file when several share the catalog (the others wait for it)
     * @param namedElsewhere whether a row outside the proxies' caches names a blob: an evicted file's bytes then stay
     */
    public ProxySource(UpstreamSettings settings, ProxyCatalog catalog, BlobStore blobs, Clock clock, ProxyCounters counters,
            ContentCheck check, Leases leases, java.util.function.Predicate<String> namedElsewhere) {
        this.settings = settings;
        this.catalog = catalog;
        this.blobs = blobs;
        this.clock = clock;
        this.counters = counters;
        this.circuit = new UpstreamCircuit(settings.name(), settings.circuitFailures(), settings.circuitOpenFor(), clock, counters);
        Upstream upstream = new Upstream(settings, new UpstreamClient(settings, circuit), watchdog, counters);
        this.cached = new CachedBlobs(settings.name(), catalog, blobs, builtPages::fileCached,
                new CacheLimit(settings.name(), settings.maxCacheBytes(), catalog, blobs, namedElsewhere));
        this.pages = new UpstreamPages(upstream, catalog, clock);
        this.files = new UpstreamFiles(upstream, blobs, cached, check, leases);
        this.metadata = new UpstreamMetadata(upstream, blobs, cached, files);
    }

    public String name() {
        return settings.name();
    }

    /** The distributions this source has cached (filename and sha256), for a re-inspection of everything stored. */
    public List<CachedBlob> cachedDistributions() {
        return catalog.distributions(settings.name());
    }

    /** The upstream's circuit breaker as it stands: whether requests go upstream or are answered from the cache. */
    public UpstreamCircuit.Status circuit() {
        return circuit.status();
    }

    @Override
    public ProjectList projects(RequestContext context) {
        // No serial (the upstream's are not ours to show), but a version, so that a list rendered earlier is
        // not served once another project is cached.
        // A snapshot's list (asked for rarely) keeps the projects whose cached page had a file at its moment.
        java.time.Instant at = context.asOf();
        return ProjectList.lazy(0, settings.name() + (at == null ? "" : ":as-of-" + at) + ":" + catalog.projectCount(settings.name()),
                () -> catalog.projects(settings.name()).stream().filter(p -> at == null || hadFileAt(p, at))
                        .map(p -> new ProjectList.Entry(p, p, 0)));
    }

    private boolean hadFileAt(String project, java.time.Instant at) {
        return catalog.page(settings.name(), project).filter(p -> p.status() == 200)
                .map(p -> CachedPageCodec.read(p.pageJson()).files().stream()
                        .anyMatch(f -> f.uploadTime() != null && !f.uploadTime().isAfter(at)))
                .orElse(false);
    }

    @Override
    public ProjectPage project(ProjectName name, RequestContext context) {
        if (!settings.offline()) {
            ProjectPage built = builtPages.get(name.value(), clock.instant().minus(settings.pageTtl()));
            if (built != null) {
                counters.pageHits.incrementAndGet();
                return built;
            }
        }
        UpstreamPages.Answer answer = pages.page(name);
        ProjectPage page = toPage(name, answer);
        if (answer.staleReason() == null) {
            builtPages.put(name.value(), answer.fetched(), page);
        }
        return page;
    }

    @Override
    public Resource file(ProjectName name, String filename, RequestContext context) {
        Optional<Resource> cachedAndListed = cachedAndListed(name, filename, filename);
        if (cachedAndListed.isPresent()) {
            counters.fileHits.incrementAndGet();
            return files.judged(name, filename, cachedAndListed.get()).servedBy(settings.name());
        }
        return files.file(name, pages.listed(name, filename)).servedBy(settings.name());
    }

    @Override
    public Resource metadata(ProjectName name, String filename, RequestContext context) {
        Optional<Resource> cachedAndListed = cachedAndListed(name, filename, filename + ".metadata");
        if (cachedAndListed.isPresent()) {
            return cachedAndListed.get().servedBy(settings.name());
        }
        return metadata.metadata(name, pages.listed(name, filename)).servedBy(settings.name());
    }

    /**
     * The cached blob of a file or its metadata, when the file is listed on the cached page and, for the file, its
     * bytes are the ones listed. Files are immutable: such a file needs no upstream at all. The page built from a
     * fresh upstream page answers whether it is listed without a catalog read; else the cached page does, whatever
     * its age.
     */
    private Optional<Resource> cachedAndListed(ProjectName name, String filename, String blobName) {
        ProjectPage built = builtPages.get(name.value(), clock.instant().minus(settings.pageTtl()));
        String listedSha256 = built == null ? null : built.files().stream().filter(f -> f.filename().equals(filename))
                .map(DistributionFile::sha256).findFirst().orElse(null);
        if (listedSha256 == null) {
            listedSha256 = pages.listedInCache(name, filename);
        }
        if (listedSha256 == null) {
            return Optional.empty();
        }
        return cached.find(blobName, blobName.equals(filename) ? listedSha256 : null);
    }

    private ProjectPage toPage(ProjectName name, UpstreamPages.Answer answer) {
        UpstreamProject upstream = answer.project();
        String staleReason = answer.staleReason();
        List<String> names = new java.util.ArrayList<>();
        upstream.files().forEach(f -> {
            names.add(f.filename());
            names.add(f.filename() + ".metadata");
        });
        Map<String, CachedBlob> kept = catalog.blobs(settings.name(), names);
        List<DistributionFile> listed = upstream.files().stream()
                .map(f -> toDistributionFile(f, kept))
                .sorted(Comparator.comparing((DistributionFile f) -> Version.parse(f.version())).thenComparing(DistributionFile::filename))
                .toList();
        Provenance provenance = Provenance.source(settings.name());
        long serial = upstream.upstreamSerial() >= 0 ? upstream.upstreamSerial() : listed.hashCode() & 0x7fffffffL;
        return new ProjectPage(name, name.value(), serial, listed, staleReason == null ? provenance : provenance.stale(staleReason));
    }

    private DistributionFile toDistributionFile(UpstreamFile f, Map<String, CachedBlob> kept) {
        DistributionFilename parsed = DistributionFilename.parse(f.filename());
        boolean wheel = parsed instanceof WheelFilename;
        String pythonVersion = parsed instanceof WheelFilename w ? w.tags().get(0).interpreter() : "source";
        CachedBlob cachedFile = kept.get(f.filename());
        long size = f.size() >= 0 ? f.size() : cachedFile != null ? cachedFile.size() : -1;
        // Metadata is offered for every wheel (Sluice can read it out of the wheel); its hash once it is known.
        CachedBlob cachedMetadata = kept.get(f.filename() + ".metadata");
        String metadataSha256 = f.coreMetadataSha256() != null ? f.coreMetadataSha256()
                : cachedMetadata != null ? cachedMetadata.sha256() : null;
        return new DistributionFile(f.filename(), parsed.version().toString(), wheel ? "bdist_wheel" : "sdist", pythonVersion,
                size, f.sha256(), null, null, f.requiresPython(), f.coreMetadataSha256() != null || wheel, metadataSha256,
                f.uploadTime(), f.yanked(), f.yanked() ? f.yankReason() : null);
    }

    @Override
    public String heldSha256(ProjectName project, String filename) {
        Optional<CachedBlob> kept = catalog.blob(settings.name(), filename);
        if (kept.isPresent()) {
            return kept.get().sha256();
        }
        return cachedPage(project).files().stream().filter(f -> f.filename().equals(filename)).map(UpstreamFile::sha256)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /**
     * Takes files carried in from a connected Sluice into this cache, as if they had been proxied: their bytes (stored
     * already) are named as cached, and each project's cached page lists them with the facts the other Sluice served,
     * confirmed {@code at}. A closed network's proxy serves them from then on ({@code offline = true}: without asking).
     */
    @Override
    public void carryIn(String bundle, Map<ProjectName, CarriedIn.Project> projects, java.time.Instant at) {
        for (Map.Entry<ProjectName, CarriedIn.Project> project : projects.entrySet()) {
            UpstreamProject before = cachedPage(project.getKey());
            Map<String, UpstreamFile> listed = new java.util.LinkedHashMap<>();
            before.files().forEach(f -> listed.put(f.filename(), f));
            for (DistributionFile f : project.getValue().files()) {
                keep(f.filename(), f.sha256());
                if (f.coreMetadataSha256() != null) {
                    keep(f.filename() + ".metadata", f.coreMetadataSha256());
                }
                UpstreamFile known = listed.get(f.filename());
                listed.put(f.filename(), new UpstreamFile(f.filename(), known != null ? known.url() : "bundle:" + bundle + "/" + f.filename(),
                        f.sha256(), f.requiresPython(), f.coreMetadataSha256() != null ? "sha256=" + f.coreMetadataSha256() : "none",
                        f.yanked(), f.yankReason(), f.size(), f.uploadTime()));
            }
            UpstreamProject after = new UpstreamProject(before.name(), List.copyOf(listed.values()), before.upstreamSerial());
            catalog.savePage(settings.name(), new CachedPage(project.getKey().value(), 200, at, null, null, CachedPageCodec.write(after)));
        }
        builtPages.fileCached();
    }

    private UpstreamProject cachedPage(ProjectName project) {
        return catalog.page(settings.name(), project.value()).filter(p -> p.status() == 200)
                .map(p -> CachedPageCodec.read(p.pageJson())).orElse(new UpstreamProject(project.value(), List.of(), -1));
    }

    private void keep(String name, String sha256) {
        try {
            long size = blobs.open(sha256).orElseThrow(() -> new IllegalStateException("carried in, but not stored: " + name)).size();
            catalog.saveBlob(settings.name(), new CachedBlob(name, sha256, size));
        } catch (java.io.IOException e) {
            throw new SourceUnavailable("the blob store cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        watchdog.close();
    }
}
