package dev.sluice.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Rendered pages, kept per project state: the key names the serial, so a change makes a new key and the old
 * entry simply ages out. A hot page costs a map lookup; its gzip form is made once, when first asked for. The
 * least recently used pages go first once there are too many, or once their bytes pass the budget: a proxy of
 * PyPI meets many pages of thousands of files (close to a megabyte each), and the heap may be 256 MB.
 */
final class RenderedPages {
    /** The default budget: an eighth of the heap, at most 64 MB. */
    static final long DEFAULT_BUDGET = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8);

    /** The bytes of one page in one form, and their gzip encoding once someone asks for it. */
    final class Rendered {
        final byte[] identity;
        private final String key;
        private volatile byte[] gzip;
        /** Whether the budget counts the gzip form too: changed under the cache's lock only. */
        private boolean gzipCounted;

        Rendered(String key, byte[] identity) {
            this.key = key;
            this.identity = identity;
        }

        byte[] gzip() {
            byte[] g = gzip;
            if (g == null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(identity.length / 4 + 64);
                try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                    z.write(identity);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                g = out.toByteArray();
                gzip = g;
                gzipped(this);
            }
            return g;
        }

        /** The bytes the budget counts for this page. */
        private long counted() {
            return identity.length + (gzipCounted ? gzip.length : 0);
        }
    }

    private final int capacity;
    private final long budget;
    private final LinkedHashMap<String, Rendered> entries = new LinkedHashMap<>(1_024, 0.75f, true);
    private long bytes;

    RenderedPages(int capacity) {
        this(capacity, DEFAULT_BUDGET);
    }

    RenderedPages(int capacity, long budget) {
        this.capacity = capacity;
        this.budget = budget;
    }

    Rendered get(String key, Supplier<byte[]> render) {
        synchronized (entries) {
            Rendered cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Rendered fresh = new Rendered(key, render.get());
        synchronized (entries) {
            Rendered raced = entries.putIfAbsent(key, fresh);
            if (raced != null) {
                return raced;
            }
            bytes += fresh.counted();
            evict(fresh);
            return fresh;
        }
    }

    /** How many bytes the kept pages hold, both forms. */
    long bytes() {
        synchronized (entries) {
            return bytes;
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** A kept page has its gzip form now: it counts too (once, and only while the page is kept). */
    private void gzipped(Rendered page) {
        synchronized (entries) {
            if (entries.get(page.key) == page && !page.gzipCounted) {
                page.gzipCounted = true;
                bytes += page.gzip.length;
                evict(page);
            }
        }
    }

    /** Drops the least recently used pages, but never {@code keep}, while there are too many or too many bytes. */
    private void evict(Rendered keep) {
        Iterator<Map.Entry<String, Rendered>> eldest = entries.entrySet().iterator();
        while ((entries.size() > capacity || bytes > budget) && eldest.hasNext()) {
            Rendered page = eldest.next().getValue();
            if (page != keep) {
                bytes -= page.counted();
                eldest.remove();
            }
        }
    }
}
