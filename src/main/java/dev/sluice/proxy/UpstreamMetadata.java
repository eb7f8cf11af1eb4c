package dev.sluice.proxy;

import dev.sluice.archive.ArchiveLimits;
import dev.sluice.archive.DistributionMetadataReader;
import dev.sluice.archive.InvalidDistributionException;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.Resource;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.CoreMetadata;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import dev.sluice.proxy.ProxyCatalog.CachedBlob;
import dev.sluice.store.BlobStore;
import dev.sluice.store.StagedBlob;
import dev.sluice.util.Digests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * A proxy source's PEP 658 core metadata: the upstream's own file when it offers one with a hash (verified against
 * it); for a wheel whose upstream offers none, read out of the wheel with range requests (or from the whole wheel,
 * downloaded and cached, when the upstream ignores ranges). Either way it is kept, and later pages carry its hash.
 */
final class UpstreamMetadata {
    private static final int MAX_METADATA_BYTES = 16 << 20;

    private final UpstreamSettings settings;
    private final UpstreamHttp client;
    private final StallWatchdog watchdog;
    private final BlobStore blobs;
    private final CachedBlobs cached;
    private final UpstreamFiles files;
    private final SingleFlight<String, Resource> fetches = new SingleFlight<>();

    /** @param files where a whole wheel comes from when the upstream ignores ranges */
    UpstreamMetadata(Upstream upstream, BlobStore blobs, CachedBlobs cached, UpstreamFiles files) {
        this.settings = upstream.settings();
        this.client = upstream.client();
        this.watchdog = upstream.watchdog();
        this.blobs = blobs;
        this.cached = cached;
        this.files = files;
    }

    /** The metadata of a listed file. @throws FileNotFound for an sdist whose upstream offers none */
    Resource metadata(ProjectName project, UpstreamFile file) {
        String name = file.filename() + ".metadata";
        boolean wheel = file.filename().endsWith(".whl");
        if (file.coreMetadataSha256() == null && !wheel) {
            throw new FileNotFound(project.value(), name);
        }
        Optional<Resource> kept = cached.find(name, file.coreMetadataSha256());
        if (kept.isPresent()) {
            return kept.get();
        }
        if (settings.offline()) {
            throw new SourceUnavailable(503, "offline: " + name + " is not cached", null, null);
        }
        return fetches.run(name, () -> cached.find(name, file.coreMetadataSha256()).orElseGet(() ->
                file.coreMetadataSha256() != null ? fetch(file) : extract(project, file)));
    }

    private Resource fetch(UpstreamFile file) {
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
            return keep(name, bytes);
        } catch (UpstreamException e) {
            throw e.toSourceUnavailable(settings.name());
        } catch (IOException e) {
            throw files.brokeOff(name, e);
        }
    }

    /** Reads a wheel's METADATA out of the upstream wheel itself (ranges, or the whole file), then keeps it. */
    private Resource extract(ProjectName project, UpstreamFile file) {
        String name = file.filename() + ".metadata";
        byte[] bytes;
        try {
            RemoteWheelMetadata.Read read = RemoteWheelMetadata.read(client, URI.create(file.url()));
            bytes = read == null ? fromWholeWheel(project, file)
                    : read.wholeWheel() != null ? fromFetchedWheel(file, read.wholeWheel()) : read.metadata();
            CoreMetadata.parse(bytes); // must be UTF-8 core metadata
        } catch (UpstreamException e) {
            throw e.toSourceUnavailable(settings.name());
        } catch (IOException | IllegalArgumentException | InvalidDistributionException e) {
            throw new UpstreamException(502, "the METADATA of " + file.filename() + " cannot be read: " + e.getMessage(), null, e)
                    .toSourceUnavailable(settings.name());
        }
        return keep(name, bytes);
    }

    /**
     * A small wheel that the first range request brought whole: kept as the file (once it matches the index's
     * sha256), so that the download that follows is not another upstream request, and read as an upload is read.
     */
    private byte[] fromFetchedWheel(UpstreamFile file, byte[] wheel) throws IOException, UpstreamException {
        StagedBlob staged = blobs.stage(new ByteArrayInputStream(wheel), wheel.length);
        try {
            if (!staged.digests().sha256().equals(file.sha256())) {
                throw new UpstreamException(502, "sent " + file.filename() + " with sha256 " + staged.digests().sha256()
                        + ", its index gave " + file.sha256());
            }
            blobs.commit(staged);
            cached.keep(new CachedBlob(file.filename(), file.sha256(), wheel.length));
        } finally {
            blobs.discard(staged); // no-op once committed
        }
        return metadataOf(file, new ByteArrayInputStream(wheel));
    }

    /** The upstream ignores ranges: fetch (and cache) the whole wheel, then read it as an upload is read. */
    private byte[] fromWholeWheel(ProjectName project, UpstreamFile file) throws IOException {
        try (InputStream in = files.file(project, file).openStream(0, -1)) {
            return metadataOf(file, in);
        }
    }

    /** A wheel's METADATA, read from a copy of it as an upload is read (the whole archive checked on the way). */
    private byte[] metadataOf(UpstreamFile file, InputStream wheel) throws IOException {
        Path copy = blobs.newStagingFile();
        try {
            Files.copy(wheel, copy, StandardCopyOption.REPLACE_EXISTING);
            return DistributionMetadataReader.read(copy, DistributionFilename.parse(file.filename()), ArchiveLimits.DEFAULT).bytes();
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private Resource keep(String name, byte[] bytes) {
        try {
            StagedBlob staged = blobs.stage(new ByteArrayInputStream(bytes), MAX_METADATA_BYTES);
            blobs.commit(staged);
            cached.keep(new CachedBlob(name, staged.digests().sha256(), bytes.length));
            // A length below zero reads to the end, as every resource's does.
            return Resource.of(staged.digests().sha256(), bytes.length, (offset, length) -> new ByteArrayInputStream(bytes,
                    (int) offset, (int) (length < 0 ? bytes.length - offset : Math.min(length, bytes.length - offset))));
        } catch (IOException e) {
            throw new SourceUnavailable("the blob store cannot keep " + name + ": " + e.getMessage(), e);
        }
    }
}
