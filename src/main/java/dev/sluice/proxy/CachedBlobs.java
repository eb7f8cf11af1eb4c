package dev.sluice.proxy;

import dev.sluice.index.Resource;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.proxy.ProxyCatalog.CachedBlob;
import dev.sluice.store.BlobStore;
import dev.sluice.util.StartOverMap;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files and metadata one proxy source has cached, by name (a filename, or a filename and {@code .metadata}).
 * Names a source found in the catalog are remembered, so that a hit needs no query; a newer verified download under
 * the same name replaces the older, and whoever asks with the sha256 a page lists gets those bytes or nothing.
 */
final class CachedBlobs {
    private static final Logger LOG = LoggerFactory.getLogger(CachedBlobs.class);
    /** How many blob names a source remembers before it starts over (about 2 MB). */
    private static final int KNOWN_BLOBS = 10_000;

    private final String source;
    private final ProxyCatalog catalog;
    private final BlobStore blobs;
    private final Runnable onCached;
    private final CacheLimit limit;
    private final StartOverMap<String, CachedBlob> known = new StartOverMap<>(KNOWN_BLOBS);

    /**
     * @param onCached told after every blob kept (pages built earlier may now show more)
     * @param limit told of every hit and every blob kept
     */
    CachedBlobs(String source, ProxyCatalog catalog, BlobStore blobs, Runnable onCached, CacheLimit limit) {
        this.source = source;
        this.catalog = catalog;
        this.blobs = blobs;
        this.onCached = onCached;
        this.limit = limit;
    }

    /**
     * A cached blob by name; with {@code expectedSha256}, only when it holds those bytes. Blobs are named by filename
     * alone, so a file cached with other bytes (a filename another page listed, an upstream that replaced a file) must
     * not answer for the bytes a page lists now.
     */
    Optional<Resource> find(String name, String expectedSha256) {
        CachedBlob remembered = known.get(name);
        Optional<CachedBlob> cached = remembered != null ? Optional.of(remembered) : catalog.blob(source, name);
        if (cached.isEmpty()) {
            return Optional.empty();
        }
        if (expectedSha256 != null && !expectedSha256.equals(cached.get().sha256())) {
            LOG.warn("the cached {} of {} has sha256 {}, its page lists {}: not served", name, source,
                    cached.get().sha256(), expectedSha256);
            return Optional.empty();
        }
        if (remembered == null) {
            known.put(name, cached.get());
        }
        limit.read(name);
        try {
            return blobs.open(cached.get().sha256()).map(blob -> Resource.of(cached.get().sha256(), blob.size(), blob::openStream));
        } catch (IOException e) {
            throw new SourceUnavailable("the blob store cannot be read: " + e.getMessage(), e);
        }
    }

    /** Records verified bytes, already committed to the blob store, under a name. */
    void keep(CachedBlob blob) {
        catalog.saveBlob(source, blob);
        known.put(blob.name(), blob);
        onCached.run();
        limit.trim(blob.name(), known::remove);
    }
}
