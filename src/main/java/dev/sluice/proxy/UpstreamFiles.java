package dev.sluice.proxy;

import dev.sluice.index.ContentCheck;
import dev.sluice.index.Refused;
import dev.sluice.index.Resource;
import dev.sluice.index.SourceReads;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.ProjectName;
import dev.sluice.proxy.ProxyCatalog.CachedBlob;
import dev.sluice.store.BlobStore;
import dev.sluice.store.Leases;
import dev.sluice.store.StagedBlob;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A proxy source's upstream files: served from the cache when it holds the bytes the page lists, else from the one
 * upstream download of the file, which every client follows as it arrives (nothing is held in memory). The last byte
 * is held back until the file matches its sha256 and the inspection has judged it; a download that fails either caches
 * nothing. A cached file the inspection never judged (cached before it came) is judged before it is served.
 */
final class UpstreamFiles {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamFiles.class);

    /** A download in progress and the size its clients are told. */
    private record Running(InFlightDownload download, long size) {}

    private final UpstreamSettings settings;
    private final UpstreamHttp client;
    private final StallWatchdog watchdog;
    private final ProxyCounters counters;
    private final BlobStore blobs;
    private final CachedBlobs cached;
    private final ContentCheck check;
    private final SingleFlight<String, Resource> fetches = new SingleFlight<>();
    private final Map<String, Running> downloads = new ConcurrentHashMap<>();

    private final Leases leases;

    /** @param leases which node downloads a file when several share the catalog */
    UpstreamFiles(Upstream upstream, BlobStore blobs, CachedBlobs cached, ContentCheck check, Leases leases) {
        this.check = check;
        this.leases = leases;
        this.settings = upstream.settings();
        this.client = upstream.client();
        this.watchdog = upstream.watchdog();
        this.counters = upstream.counters();
        this.blobs = blobs;
        this.cached = cached;
    }

    /** The file as listed: cached, followed while another request downloads it, or downloaded now. */
    Resource file(ProjectName project, UpstreamFile file) {
        Optional<Resource> available = cachedAndJudged(project, file).or(() -> following(file));
        if (available.isPresent()) {
            counters.fileHits.incrementAndGet();
            return available.get();
        }
        String known = check.knownRefusal(file.sha256());
        if (known != null) {
            throw new Refused("inspection", known); // judged before: never downloaded again, never cached
        }
        if (settings.offline()) {
            throw new SourceUnavailable(503, "offline: " + file.filename() + " is not cached", null, null);
        }
        // One upstream download per file: whoever comes while it runs follows it instead of starting another.
        return fetches.run(file.filename(), () -> cachedAndJudged(project, file).or(() -> following(file))
                .orElseGet(() -> downloadHereOrWait(project, file)));
    }

    /** The file's cached bytes, if the cache holds those the page lists, once the inspection has judged them. */
    private Optional<Resource> cachedAndJudged(ProjectName project, UpstreamFile file) {
        return cached.find(file.filename(), file.sha256()).map(r -> judged(project, file.filename(), r));
    }

    /** How long a download's lease lasts unless renewed: a dead node's download is taken over after at most this. */
    static final java.time.Duration DOWNLOAD_LEASE = java.time.Duration.ofSeconds(15);
    /** How long a request waits for a file another node is downloading before it is told to come back. */
    private static final java.time.Duration WAIT_FOR_ANOTHER_NODE = java.time.Duration.ofMinutes(2);
    private static final long WAIT_STEP_MILLIS = 50;

    /**
     * Downloads the file when this node takes its lease; else another node is downloading it, and this request waits
     * for the file it caches (taking over if that node stops renewing its lease, e.g. because it died).
     */
    private Resource downloadHereOrWait(ProjectName project, UpstreamFile file) {
        long deadline = System.nanoTime() + WAIT_FOR_ANOTHER_NODE.toNanos();
        while (true) {
            if (leases.acquire(settings.name(), file.filename(), DOWNLOAD_LEASE)) {
                try {
                    // Another node may have finished (and let go) between this node's look and its lease.
                    Optional<Resource> cachedMeanwhile = cachedAndJudged(project, file);
                    if (cachedMeanwhile.isPresent()) {
                        leases.release(settings.name(), file.filename());
                        return cachedMeanwhile.get();
                    }
                    return startDownload(project, file);
                } catch (RuntimeException e) {
                    leases.release(settings.name(), file.filename());
                    throw e;
                }
            }
            try {
                Thread.sleep(WAIT_STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceUnavailable("interrupted while another node downloads " + file.filename(), e);
            }
            Optional<Resource> cachedThere = cachedAndJudged(project, file);
            if (cachedThere.isPresent()) {
                counters.fileHits.incrementAndGet();
                return cachedThere.get();
            }
            if (System.nanoTime() > deadline) {
                throw new SourceUnavailable(503, "another node is still downloading " + file.filename() + "; try again",
                        10L, null);
            }
        }
    }

    /**
     * A cached file, once the inspection has judged it: a file cached before the inspection came is copied out and
     * judged now (once; the verdict is kept), and a malicious one is refused.
     */
    Resource judged(ProjectName project, String filename, Resource cachedFile) {
        if (check.judged(cachedFile.sha256())) {
            return cachedFile;
        }
        String refusal;
        try {
            Path copy = blobs.newStagingFile();
            try {
                try (InputStream in = cachedFile.openStream(0, -1)) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                refusal = check.refusal(project, filename, cachedFile.sha256(), copy, "proxy");
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException e) {
            throw new SourceUnavailable("the cached " + filename + " cannot be read to be inspected: " + e.getMessage(), e);
        }
        if (refusal != null) {
            throw new Refused("inspection", refusal);
        }
        return cachedFile;
    }

    /** Starts the one upstream download of a file and returns a resource that follows it as it arrives. */
    private Resource startDownload(ProjectName project, UpstreamFile file) {
        counters.fileDownloads.incrementAndGet();
        try {
            return download(project, file);
        } catch (SourceUnavailable e) {
            counters.upstreamErrors.incrementAndGet();
            throw e;
        }
    }

    private Resource download(ProjectName project, UpstreamFile file) {
        UpstreamClient.Response response;
        try {
            response = client.get(URI.create(file.url()), Map.of());
        } catch (UpstreamException e) {
            throw e.toSourceUnavailable(settings.name());
        }
        if (response.status() != 200) {
            response.closeQuietly();
            throw new UpstreamException(502, "answered " + response.status() + " for " + file.filename(),
                    response.status() == 503 ? response.retryAfter() : null, null).toSourceUnavailable(settings.name());
        }
        long size = file.size() >= 0 ? file.size() : response.headers().firstValueAsLong("Content-Length").orElse(-1);
        InFlightDownload download;
        try {
            download = new InFlightDownload(blobs.newStagingFile(), file.sha256(), size);
        } catch (IOException e) {
            response.closeQuietly();
            throw new SourceUnavailable("cannot stage a download: " + e.getMessage(), e);
        }
        downloads.put(file.filename(), new Running(download, size));
        InputStream body = watchdog.guard(response.body(), settings.timeout());
        Thread.ofVirtual().name("sluice-download-lease-" + file.filename()).start(() -> keepLease(file, download));
        Thread.ofVirtual().name("sluice-download-" + file.filename()).start(() -> {
            try {
                download.copy(body, (staging, written, digests) -> {
                    String refusal = check.refusal(project, file.filename(), digests.sha256(), staging, "proxy");
                    if (refusal != null) {
                        throw new IOException(refusal); // nothing cached; every client's transfer fails before its last byte
                    }
                    blobs.commit(new StagedBlob(staging, written, digests));
                    cached.keep(new CachedBlob(file.filename(), digests.sha256(), written));
                });
                if (download.failed()) {
                    LOG.warn("download of {} from {} failed; nothing was cached", file.filename(), settings.name());
                }
            } finally {
                downloads.computeIfPresent(file.filename(), (k, running) -> running.download() == download ? null : running);
                try {
                    leases.release(settings.name(), file.filename());
                } catch (RuntimeException e) {
                    LOG.debug("releasing the download lease of {} failed (it runs out by itself): {}", file.filename(), e.getMessage());
                }
            }
        });
        return follow(file, download, size);
    }

    /** Renews this node's lease on the file while its download runs, so that no other node starts one. */
    private void keepLease(UpstreamFile file, InFlightDownload download) {
        long step = DOWNLOAD_LEASE.toMillis() / 3;
        try {
            while (download.isRunning()) {
                Thread.sleep(step);
                if (download.isRunning()) {
                    leases.renew(settings.name(), file.filename(), DOWNLOAD_LEASE);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("renewing the download lease of {} failed: {}", file.filename(), e.getMessage());
        }
    }

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

    /** The upstream's transfer of {@code name} failed: a bad answer from the gateway's point of view. */
    SourceUnavailable brokeOff(String name, IOException e) {
        return new UpstreamException(502, name + " broke off: " + e.getMessage(), null, e).toSourceUnavailable(settings.name());
    }
}
