package dev.sluice.store;

import dev.sluice.util.Digests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the bytes of small blobs (core metadata, small wheels) in memory, up to a total, in front of a blob
 * store. A blob's name is its sha256, so a cached copy can never go stale; each is checked against its name
 * once, when it is first read. An installer fetches the same {@code .metadata} files over and over: from
 * memory each costs no file open, stat or read.
 */
public final class SmallBlobCache extends ForwardingBlobStore {
    private final int largestCached;
    private final long capacityBytes;
    private final LinkedHashMap<String, byte[]> cached = new LinkedHashMap<>(256, 0.75f, true);
    private long cachedBytes;

    /**
     * @param largestCached blobs up to this size are kept
     * @param capacityBytes the most kept in all; the least recently read go first
     */
    public SmallBlobCache(BlobStore store, int largestCached, long capacityBytes) {
        super(store);
        this.largestCached = largestCached;
        this.capacityBytes = capacityBytes;
    }

    @Override
    public Optional<Blob> open(String sha256) throws IOException {
        byte[] bytes;
        synchronized (cached) {
            bytes = cached.get(sha256);
        }
        if (bytes != null) {
            return Optional.of(inMemory(bytes));
        }
        Optional<Blob> stored = behind.open(sha256);
        if (stored.isEmpty() || stored.get().size() > largestCached) {
            return stored;
        }
        try (InputStream in = stored.get().openStream(0, -1)) {
            bytes = in.readNBytes(largestCached + 1);
        }
        if (!Digests.of(bytes).sha256().equals(sha256)) {
            throw new IOException("the stored bytes named " + sha256 + " do not have that sha256 (damaged on disk?)");
        }
        remember(sha256, bytes);
        return Optional.of(inMemory(bytes));
    }

    @Override
    public void remove(String sha256) throws IOException {
        synchronized (cached) {
            byte[] gone = cached.remove(sha256);
            cachedBytes -= gone == null ? 0 : gone.length;
        }
        super.remove(sha256);
    }

    private void remember(String sha256, byte[] bytes) {
        synchronized (cached) {
            if (cached.putIfAbsent(sha256, bytes) != null) {
                return;
            }
            cachedBytes += bytes.length;
            var eldest = cached.entrySet().iterator();
            while (cachedBytes > capacityBytes && eldest.hasNext()) {
                Map.Entry<String, byte[]> gone = eldest.next();
                cachedBytes -= gone.getValue().length;
                eldest.remove();
            }
        }
    }

    private static Blob inMemory(byte[] bytes) {
        return new Blob() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream openStream(long offset, long length) {
                int from = (int) Math.min(offset, bytes.length);
                int count = length < 0 ? bytes.length - from : (int) Math.min(length, bytes.length - from);
                return new ByteArrayInputStream(bytes, from, count);
            }
        };
    }
}
