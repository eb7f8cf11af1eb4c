package dev.sluice.proxy;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.index.Repository;
import dev.sluice.index.Resource;
import dev.sluice.index.SourceReads;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.index.StartOverMap;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;
import dev.sluice.pep.WheelFilename;
import dev.sluice.store.BlobStore;
import dev.sluice.store.Digests;
import dev.sluice.store.ProxyCatalog;
import dev.sluice.store.ProxyCatalog.CachedBlob;
import dev.sluice.store.ProxyCatalog.CachedPage;
import dev.sluice.store.StagedBlob;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upstream simple index (PyPI, or any PEP 503/691 index) served from Sluice's own stores. Pages are kept
 * for a TTL, then revalidated; when the upstream fails, the last good page is served and marked stale;
 * upstream 404s are remembered briefly. Files are fetched once, verified against the index's sha256 and kept:
 * a cached file is served without asking the upstream again (files are immutable). It serves whatever the
 * upstream lists: it does not protect against dependency confusion by itself (that is FirstOwner's work).
 */
public final class ProxySource implements Repository, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxySource.class);
    private static final String ACCEPT = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2,"
            + " text/html;q=0.1";
    private static final int MAX_METADATA_BYTES = 16 << 20;

    /** How long a cached page's listing answers for a stale page before the catalog is asked again whether it is the newest. */
    private static final Duration LISTING_RECHECK = Duration.ofSeconds(1);
    /** How many blob names a source remembers before it starts over (about 2 MB). */
    private static final int KNOWN_BLOBS = 10_000;

    private final UpstreamSettings settings;
    private final UpstreamClient client;
    private final ProxyCatalog catalog;
    private final BlobStore blobs;
    private final Clock clock;
    private final StallWatchdog watchdog = new StallWatchdog();
    private final SingleFlight<String, UpstreamProject> pageFetches = new SingleFlight<>();
    private final SingleFlight<String, Resource> fileFetches = new SingleFlight<>();
    private final Map<String, Running> downloads = new ConcurrentHashMap<>();
    private final ProxyCounters counters;
    private final BuiltPages builtPages = new BuiltPages(1_000);
    private final ListedFiles listedFiles = new ListedFiles(1_000);
    /** Cached blobs by name, as found in the catalog: a source never drops nor changes one, so a hit needs no query. */
    private final StartOverMap<String, CachedBlob> knownBlobs = new StartOverMap<>(KNOWN_BLOBS);

    public ProxySource(UpstreamSettings settings, ProxyCatalog catalog, BlobStore blobs, Clock clock) {
        this(settings, catalog, blobs, clock, new ProxyCounters());
    }

    /** @param counters where this source counts its cache hits, fetches and upstream failures */
    public ProxySource(UpstreamSettings settings, ProxyCatalog catalog, BlobStore blobs, Clock clock, ProxyCounters counters) {
        this.counters = counters;
        this.settings = settings;
        this.client = new UpstreamClient(settings);
        this.catalog = catalog;
        this.blobs = blobs;
        this.clock = clock;
    }

    public String name() {
        return settings.name();
    }

    @Override
    public ProjectList projects() {
        // No serial (the upstream's are not ours to show), but a version, so that a list rendered earlier is
        // not served once another project is cached.
        return ProjectList.lazy(0, settings.name() + ":" + catalog.projectCount(settings.name()),
                () -> catalog.projects(settings.name()).stream().map(p -> new ProjectList.Entry(p, p, 0)));
    }

    /** A page and, when it is an old copy served because the upstream failed, why. */
    private record Answer(UpstreamProject project, String staleReason, Instant fetched) {}

    @Override
    public ProjectPage project(ProjectName name) {
        if (!settings.offline()) {
            ProjectPage built = builtPages.get(name.value(), clock.instant().minus(settings.pageTtl()));
            if (built != null) {
                counters.pageHits.incrementAndGet();
                return built;
            }
        }
        Answer answer = upstreamPage(name);
        ProjectPage page = toPage(name, answer);
        if (answer.staleReason() == null) {
            builtPages.put(name.value(), answer.fetched(), page);
        }
        return page;
    }

    @Override
    public Resource file(ProjectName name, String filename) {
        return fileResource(name, filename).servedBy(settings.name());
    }

    private Resource fileResource(ProjectName name, String filename) {
        Optional<Resource> cachedAndListed = cachedAndListed(name, filename, filename);
        if (cachedAndListed.isPresent()) {
            counters.fileHits.incrementAndGet();
            return cachedAndListed.get();
        }
        UpstreamFile file = listed(name, filename);
        Optional<Resource> available = cachedBlob(filename, file.sha256()).or(() -> following(file));
        if (available.isPresent()) {
            counters.fileHits.incrementAndGet();
            return available.get();
        }
        if (settings.offline()) {
            throw new SourceUnavailable(503, "offline: " + filename + " is not cached", null, null);
        }
        // One upstream download per file: whoever comes while it runs follows it instead of starting another.
        return fileFetches.run(filename, () -> cachedBlob(filename, file.sha256()).or(() -> following(file))
                .orElseGet(() -> startDownload(file)));
    }

    /**
     * PEP 658 metadata: the upstream's own file when it offers one with a hash (verified against it); for a wheel
     * whose upstream offers none, read out of the wheel with range requests (or from the whole wheel when the
     * upstream ignores ranges). Either way it is kept, and later pages carry its hash.
     */
    @Override
    public Resource metadata(ProjectName name, String filename) {
        return metadataResource(name, filename).servedBy(settings.name());
    }

    private Resource metadataResource(ProjectName name, String filename) {
        String metadataName = filename + ".metadata";
        Optional<Resource> cachedAndListed = cachedAndListed(name, filename, metadataName);
        if (cachedAndListed.isPresent()) {
            return cachedAndListed.get();
        }
        UpstreamFile file = listed(name, filename);
        boolean wheel = filename.endsWith(".whl");
        if (file.coreMetadataSha256() == null && !wheel) {
            throw new FileNotFound(name.value(), metadataName);
        }
        Optional<Resource> cached = cachedBlob(metadataName, file.coreMetadataSha256());
        if (cached.isPresent()) {
            return cached.get();
        }
        if (settings.offline()) {
            throw new SourceUnavailable(503, "offline: " + metadataName + " is not cached", null, null);
        }
        return fileFetches.run(metadataName, () -> cachedBlob(metadataName, file.coreMetadataSha256()).orElseGet(() ->
                file.coreMetadataSha256() != null ? fetchMetadata(file) : extractMetadata(name, file)));
    }

    // --- pages ---

    private Answer upstreamPage(ProjectName name) {
        Optional<CachedPage> cached = catalog.page(settings.name(), name.value());
        Instant now = clock.instant();
        if (cached.isPresent() && (settings.offline() || isFresh(cached.get(), now))) {
            counters.pageHits.incrementAndGet();
            return fromCache(name, cached.get(), null);
        }
        if (settings.offline()) {
            throw new SourceUnavailable(503, "offline: the page of " + name + " is not cached", null, null);
        }
        try {
            counters.pageFetches.incrementAndGet();
            return new Answer(pageFetches.run(name.value(), () -> fetchPage(name, cached.orElse(null))), null, now);
        } catch (SourceUnavailable e) {
            counters.upstreamErrors.incrementAndGet();
            if (cached.isPresent() && cached.get().status() == 200) {
                counters.stalePages.incrementAndGet();
                LOG.warn("serving the stale page of {} from {}: {}", name, settings.name(), e.getMessage());
                return fromCache(name, cached.get(), e.getMessage());
            }
            throw e;
        }
    }

    private boolean isFresh(CachedPage page, Instant now) {
        Duration ttl = page.status() == 200 ? settings.pageTtl() : settings.notFoundTtl();
        return page.fetched().plus(ttl).isAfter(now);
    }

    /** The page from the catalog; a remembered 404 is a ProjectNotFound. */
    private static Answer fromCache(ProjectName name, CachedPage page, String staleReason) {
        if (page.status() != 200) {
            throw new ProjectNotFound(name.value());
        }
        return new Answer(CachedPageCodec.read(page.pageJson()), staleReason, page.fetched());
    }

    private UpstreamProject fetchPage(ProjectName name, CachedPage cached) {
        URI url = settings.indexUrl().resolve(name.value() + "/");
        Map<String, String> headers = new HashMap<>(Map.of("Accept", ACCEPT));
        if (cached != null && cached.status() == 200) {
            if (cached.etag() != null) {
                headers.put("If-None-Match", cached.etag());
            }
            if (cached.lastModified() != null) {
                headers.put("If-Modified-Since", cached.lastModified());
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (UpstreamClient.Response response = client.get(url, headers)) {
            switch (response.status()) {
                case 200 -> {
                    byte[] body = PageMemory.SHARED.read(watchdog.guard(response.body(), settings.timeout()), settings.maxPageBytes(),
                            "the page");
                    UpstreamProject page = UpstreamPageParser.parse(name.value(), body, response.header("Content-Type"), response.uri());
                    catalog.savePage(settings.name(), new CachedPage(name.value(), 200, now, response.header("ETag"),
                            response.header("Last-Modified"), CachedPageCodec.write(page)));
                    return page;
                }
                case 304 -> {
                    if (cached == null) {
                        throw new UpstreamException(502, "answered 304 to a request without validators");
                    }
                    catalog.touchPage(settings.name(), name.value(), now);
                    return CachedPageCodec.read(cached.pageJson());
                }
                case 404, 410 -> {
                    catalog.savePage(settings.name(), new CachedPage(name.value(), 404, now, null, null, null));
                    throw new ProjectNotFound(name.value());
                }
                case 503 -> throw new UpstreamException(503, "answered 503 Service Unavailable", retryAfter(response), null);
                default -> throw new UpstreamException(502, "answered " + response.status() + " for the page of " + name);
            }
        } catch (UpstreamException e) {
            throw e.toSourceUnavailable(settings.name());
        } catch (IOException e) {
            throw new UpstreamException(502, "the page of " + name + " broke off: " + e.getMessage(), null, e)
                    .toSourceUnavailable(settings.name());
        } finally {
            // Whatever the catalog now holds for the project, a listing remembered of an older page must not answer.
            listedFiles.forget(name.value());
        }
    }

    private static Long retryAfter(UpstreamClient.Response response) {
        String value = response.header("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private ProjectPage toPage(ProjectName name, Answer answer) {
        UpstreamProject upstream = answer.project();
        String staleReason = answer.staleReason();
        List<String> names = new java.util.ArrayList<>();
        upstream.files().forEach(f -> {
            names.add(f.filename());
            names.add(f.filename() + ".metadata");
        });
        Map<String, CachedBlob> cached = catalog.blobs(settings.name(), names);
        List<DistributionFile> files = upstream.files().stream()
                .map(f -> toDistributionFile(f, cached))
                .sorted(Comparator.comparing((DistributionFile f) -> Version.parse(f.version())).thenComparing(DistributionFile::filename))
                .toList();
        Provenance provenance = Provenance.source(settings.name());
        long serial = upstream.upstreamSerial() >= 0 ? upstream.upstreamSerial() : files.hashCode() & 0x7fffffffL;
        return new ProjectPage(name, name.value(), serial, files, staleReason == null ? provenance : provenance.stale(staleReason));
    }

    private DistributionFile toDistributionFile(UpstreamFile f, Map<String, CachedBlob> cached) {
        DistributionFilename parsed = DistributionFilename.parse(f.filename());
        boolean wheel = parsed instanceof WheelFilename;
        String pythonVersion = parsed instanceof WheelFilename w ? w.tags().get(0).interpreter() : "source";
        CachedBlob cachedFile = cached.get(f.filename());
        long size = f.size() >= 0 ? f.size() : cachedFile != null ? cachedFile.size() : -1;
        // Metadata is offered for every wheel (Sluice can read it out of the wheel); its hash once it is known.
        CachedBlob cachedMetadata = cached.get(f.filename() + ".metadata");
        String metadataSha256 = f.coreMetadataSha256() != null ? f.coreMetadataSha256()
                : cachedMetadata != null ? cachedMetadata.sha256() : null;
        return new DistributionFile(f.filename(), parsed.version().toString(), wheel ? "bdist_wheel" : "sdist", pythonVersion,
                size, f.sha256(), null, null, f.requiresPython(), f.coreMetadataSha256() != null || wheel, metadataSha256,
                f.uploadTime(), f.yanked(), f.yanked() ? f.yankReason() : null);
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
            listedSha256 = listedInCache(name, filename);
        }
        if (listedSha256 == null) {
            return Optional.empty();
        }
        return cachedBlob(blobName, blobName.equals(filename) ? listedSha256 : null);
    }

    /**
     * The sha256 the cached page gives a file, whatever the page's age, or null when it does not list it; no upstream
     * call. The catalog is asked which page is the newest at most once a second per project: another node sharing the
     * catalog may have fetched it again (a page this source fetches makes it forget the older one at once).
     */
    private String listedInCache(ProjectName name, String filename) {
        Instant now = clock.instant();
        Map<String, String> recent = listedFiles.confirmedSince(name.value(), now.minus(LISTING_RECHECK));
        if (recent != null) {
            return recent.get(filename);
        }
        Optional<Instant> fetched = catalog.pageFetched(settings.name(), name.value());
        if (fetched.isEmpty()) {
            return null;
        }
        Map<String, String> known = listedFiles.get(name.value(), fetched.get(), now);
        if (known != null) {
            return known.get(filename);
        }
        Optional<CachedPage> page = catalog.page(settings.name(), name.value()).filter(p -> p.status() == 200);
        if (page.isEmpty()) {
            return null;
        }
        Map<String, String> listed = CachedPageCodec.read(page.get().pageJson()).files().stream()
                .collect(Collectors.toMap(UpstreamFile::filename, UpstreamFile::sha256, (first, second) -> first));
        listedFiles.put(name.value(), page.get().fetched(), listed, now);
        return listed.get(filename);
    }

    private UpstreamFile listed(ProjectName name, String filename) {
        return upstreamPage(name).project().files().stream().filter(f -> f.filename().equals(filename)).findFirst()
                .orElseThrow(() -> new FileNotFound(name.value(), filename));
    }

    // --- files ---

    /**
     * A cached blob by name; with {@code expectedSha256}, only when it holds those bytes. Blobs are named by filename
     * alone, so a file cached with other bytes (a filename another page listed, an upstream that replaced a file) must
     * not answer for the bytes a page lists now.
     */
    private Optional<Resource> cachedBlob(String name, String expectedSha256) {
        CachedBlob known = knownBlobs.get(name);
        Optional<CachedBlob> cached = known != null ? Optional.of(known) : catalog.blob(settings.name(), name);
        if (cached.isEmpty()) {
            return Optional.empty();
        }
        if (expectedSha256 != null && !expectedSha256.equals(cached.get().sha256())) {
            LOG.warn("the cached {} of {} has sha256 {}, its page lists {}: not served", name, settings.name(),
                    cached.get().sha256(), expectedSha256);
            return Optional.empty();
        }
        if (known == null) {
            knownBlobs.put(name, cached.get());
        }
        try {
            return blobs.open(cached.get().sha256()).map(blob -> Resource.of(cached.get().sha256(), blob.size(), blob::openStream));
        } catch (IOException e) {
            throw new SourceUnavailable("the blob store cannot be read: " + e.getMessage(), e);
        }
    }

    /** Starts the one upstream download of a file and returns a resource that follows it as it arrives. */
    private Resource startDownload(UpstreamFile file) {
        counters.fileDownloads.incrementAndGet();
        try {
            return download(file);
        } catch (SourceUnavailable e) {
            counters.upstreamErrors.incrementAndGet();
            throw e;
        }
    }

    private Resource download(UpstreamFile file) {
        UpstreamClient.Response response;
        try {
            response = client.get(URI.create(file.url()), Map.of());
        } catch (UpstreamException e) {
            throw e.toSourceUnavailable(settings.name());
        }
        if (response.status() != 200) {
            closeQuietly(response);
            throw new UpstreamException(502, "answered " + response.status() + " for " + file.filename(),
                    response.status() == 503 ? retryAfter(response) : null, null).toSourceUnavailable(settings.name());
        }
        long size = file.size() >= 0 ? file.size() : response.headers().firstValueAsLong("Content-Length").orElse(-1);
        InFlightDownload download;
        try {
            download = new InFlightDownload(blobs.newStagingFile(), file.sha256(), size);
        } catch (IOException e) {
            closeQuietly(response);
            throw new SourceUnavailable("cannot stage a download: " + e.getMessage(), e);
        }
        downloads.put(file.filename(), new Running(download, size));
        InputStream body = watchdog.guard(response.body(), settings.timeout());
        Thread.ofVirtual().name("sluice-download-" + file.filename()).start(() -> {
            try {
                download.copy(body, (staging, written, digests) -> {
                    blobs.commit(new StagedBlob(staging, written, digests));
                    CachedBlob saved = new CachedBlob(file.filename(), digests.sha256(), written);
                    catalog.saveBlob(settings.name(), saved);
                    knownBlobs.put(file.filename(), saved);
                    builtPages.fileCached();
                });
                if (download.failed()) {
                    LOG.warn("download of {} from {} failed; nothing was cached", file.filename(), settings.name());
                }
            } finally {
                downloads.computeIfPresent(file.filename(), (k, running) -> running.download() == download ? null : running);
            }
        });
        return follow(file, download, size);
    }

    /** A download in progress and the size its clients are told. */
    private record Running(InFlightDownload download, long size) {}

    /** A resource following the file's running download, if there is one that new readers can still join. */
    private Optional<Resource> following(UpstreamFile file) {
        Running running = downloads.get(file.filename());
        if (running == null || !running.download().isRunning()) {
            return Optional.empty();
        }
        return Optional.of(follow(file, running.download(), running.size()));
    }

    /** Reads from the download while it runs; once it has finished, from the blob store it went into. */
    private Resource follow(UpstreamFile file, InFlightDownload download, long size) {
        return Resource.of(file.sha256(), size, (offset, length) -> {
            InputStream running;
            try {
                running = download.openStreamWhileRunning(offset, length);
            } catch (IOException e) {
                throw brokeOff(file.filename(), e);
            }
            if (running != null) {
                return SourceReads.guard(running, e -> brokeOff(file.filename(), e));
            }
            BlobStore.Blob blob = blobs.open(file.sha256()).orElseThrow(() -> new IOException(
                    "the downloaded " + file.filename() + " is missing from the blob store"));
            return blob.openStream(offset, length);
        });
    }

    private Resource fetchMetadata(UpstreamFile file) {
        String name = file.filename() + ".metadata";
        try (UpstreamClient.Response response = client.get(URI.create(file.url() + ".metadata"), Map.of())) {
            if (response.status() != 200) {
                throw new UpstreamException(502, "answered " + response.status() + " for " + name);
            }
            byte[] bytes = PageMemory.SHARED.read(watchdog.guard(response.body(), settings.timeout()), MAX_METADATA_BYTES, name);
            Digests digests = Digests.of(bytes);
            if (!digests.sha256().equals(file.coreMetadataSha256())) {
                throw new UpstreamException(502, "sent " + name + " with sha256 " + digests.sha256() + ", its index gave "
                        + file.coreMetadataSha256());
            }
            return keepMetadata(name, bytes);
        } catch (UpstreamException e) {
            throw e.toSourceUnavailable(settings.name());
        } catch (IOException e) {
            throw brokeOff(name, e);
        }
    }

    /** The upstream's transfer of {@code name} failed: a bad answer from the gateway's point of view. */
    private SourceUnavailable brokeOff(String name, IOException e) {
        return new UpstreamException(502, name + " broke off: " + e.getMessage(), null, e).toSourceUnavailable(settings.name());
    }

    /** Reads a wheel's METADATA out of the upstream wheel itself (ranges, or the whole file), then keeps it. */
    private Resource extractMetadata(ProjectName project, UpstreamFile file) {
        String name = file.filename() + ".metadata";
        byte[] bytes;
        try {
            bytes = RemoteWheelMetadata.read(client, URI.create(file.url()));
            if (bytes == null) {
                bytes = metadataFromWholeWheel(project, file);
            }
            dev.sluice.pep.CoreMetadata.parse(bytes); // must be UTF-8 core metadata
        } catch (UpstreamException e) {
            throw e.toSourceUnavailable(settings.name());
        } catch (IOException | IllegalArgumentException | dev.sluice.archive.InvalidDistributionException e) {
            throw new UpstreamException(502, "the METADATA of " + file.filename() + " cannot be read: " + e.getMessage(), null, e)
                    .toSourceUnavailable(settings.name());
        }
        return keepMetadata(name, bytes);
    }

    /** The upstream ignores ranges: fetch (and cache) the whole wheel, then read it as an upload is read. */
    private byte[] metadataFromWholeWheel(ProjectName project, UpstreamFile file) throws IOException {
        Resource wheel = file(project, file.filename());
        java.nio.file.Path copy = blobs.newStagingFile();
        try {
            try (InputStream in = wheel.openStream(0, -1)) {
                java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return dev.sluice.archive.DistributionMetadataReader.read(copy, DistributionFilename.parse(file.filename()),
                    dev.sluice.archive.ArchiveLimits.DEFAULT).bytes();
        } finally {
            java.nio.file.Files.deleteIfExists(copy);
        }
    }

    private Resource keepMetadata(String name, byte[] bytes) {
        try {
            StagedBlob staged = blobs.stage(new ByteArrayInputStream(bytes), MAX_METADATA_BYTES);
            blobs.commit(staged);
            CachedBlob saved = new CachedBlob(name, staged.digests().sha256(), bytes.length);
            catalog.saveBlob(settings.name(), saved);
            knownBlobs.put(name, saved);
            builtPages.fileCached();
            return Resource.of(staged.digests().sha256(), bytes.length, (offset, length) ->
                    new ByteArrayInputStream(bytes, (int) offset, (int) Math.min(length, bytes.length - offset)));
        } catch (IOException e) {
            throw new SourceUnavailable("the blob store cannot keep " + name + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(UpstreamClient.Response response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // nothing to read from it
        }
    }

    @Override
    public void close() {
        watchdog.close();
    }
}
