package dev.sluice.proxy;

import dev.sluice.proxy.ProxyCatalog.CachedBlob;
import dev.sluice.store.BlobStore;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a proxy's cache within {@code [sources.NAME] max-cache-size}: once a newly cached file takes the cache past the
 * limit, the files read least recently leave until it fits again (never the new one, so the cache is at most the limit
 * plus one file). An evicted file's row is forgotten, then its bytes are removed unless something else names them (a
 * hosted or carried-in file, another proxy's cache); pages stay, so the file is fetched from the upstream again when
 * asked for. Reads are remembered in memory and written in batches: a cache hit costs no write.
 */
final class CacheLimit {
    private static final Logger LOG = LoggerFactory.getLogger(CacheLimit.class);
    /** Reads remembered before they are written to the catalog (also written before every trim). */
    private static final int WRITE_READS_AT = 1_000;
    private static final int EVICT_BATCH = 200;
    /** No limit: nothing is remembered, nothing evicted. */
    static final CacheLimit NONE = new CacheLimit("", 0, null, null, sha256 -> true);

    private final String source;
    private final long maxBytes;
    private final ProxyCatalog catalog;
    private final BlobStore blobs;
    private final Predicate<String> namedElsewhere;
    private final Map<String, Instant> reads = new ConcurrentHashMap<>();
    private final ReentrantLock trimming = new ReentrantLock();

    /**
     * @param maxBytes the limit; 0 for none
     * @param namedElsewhere whether something outside the proxies' caches names a blob (its bytes then stay)
     */
    CacheLimit(String source, long maxBytes, ProxyCatalog catalog, BlobStore blobs, Predicate<String> namedElsewhere) {
        this.source = source;
        this.maxBytes = maxBytes;
        this.catalog = catalog;
        this.blobs = blobs;
        this.namedElsewhere = namedElsewhere;
    }

    /** A cached blob was read: it moves to the back of the eviction order. */
    void read(String name) {
        if (maxBytes <= 0) {
            return;
        }
        reads.put(name, Instant.now());
        if (reads.size() >= WRITE_READS_AT) {
            writeReads();
        }
    }

    /**
     * After {@code kept} was cached: evicts what was read least recently until the cache fits the limit. A failure is
     * logged, never passed on: the download that called it succeeded.
     *
     * @param forgotten told each name evicted (the source's memory of cached names lets go of it)
     */
    void trim(String kept, Consumer<String> forgotten) {
        if (maxBytes <= 0) {
            return;
        }
        trimming.lock();
        try {
            long total = catalog.cachedBytes(source);
            if (total <= maxBytes) {
                return;
            }
            writeReads();
            Instant started = Instant.now();
            long before = total;
            int evicted = 0;
            while (total > maxBytes) {
                List<CachedBlob> oldest = catalog.leastRecentlyRead(source, EVICT_BATCH).stream()
                        .filter(b -> !b.name().equals(kept)).toList();
                if (oldest.isEmpty()) {
                    break;
                }
                for (CachedBlob blob : oldest) {
                    if (total <= maxBytes) {
                        break;
                    }
                    catalog.forgetBlob(source, blob.name());
                    forgotten.accept(blob.name());
                    total -= blob.size();
                    evicted++;
                    removeUnlessNamed(blob.sha256(), started);
                }
            }
            LOG.info("the cache of {} was {} bytes, over its limit of {}: {} file(s) read least recently evicted, {} bytes left",
                    source, before, maxBytes, evicted, total);
        } catch (IOException | RuntimeException e) {
            LOG.warn("keeping the cache of {} within {} bytes failed: {}", source, maxBytes, e.toString());
        } finally {
            trimming.unlock();
        }
    }

    /**
     * Removes an evicted blob's bytes unless a row still names them, or they were stored again since the trim began
     * (a download of the same bytes committing them now: its row follows).
     */
    private void removeUnlessNamed(String sha256, Instant started) throws IOException {
        if (catalog.names(sha256) || namedElsewhere.test(sha256)) {
            return;
        }
        Optional<Instant> stored = blobs.stored(sha256);
        if (stored.isPresent() && !stored.get().isBefore(started)) {
            return;
        }
        blobs.remove(sha256);
    }

    private void writeReads() {
        Map<String, Instant> batch = new HashMap<>(reads);
        catalog.markRead(source, batch);
        batch.forEach(reads::remove); // a newer read of the same name stays for the next batch
    }
}
