package dev.sluice.web;

import dev.sluice.util.WeighedLru;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

        Rendered(String key, byte[] identity) {
            this.key = key;
            this.identity = identity;
        }

        byte[] gzip() {
            byte[] g = gzip;
            if (g != null) {
                return g;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(identity.length / 4 + 64);
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(identity);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] made = out.toByteArray();
            synchronized (this) {
                if (gzip != null) {
                    return gzip; // another request made it meanwhile, and had it counted
                }
                gzip = made;
            }
            // Counted once, and only while this page is the one kept under its key.
            entries.grow(key, this, made.length);
            return made;
        }
    }

    private final WeighedLru<String, Rendered> entries;

    RenderedPages(int capacity) {
        this(capacity, DEFAULT_BUDGET);
    }

    RenderedPages(int capacity, long budget) {
        this.entries = new WeighedLru<>(capacity, budget);
    }

    Rendered get(String key, Supplier<byte[]> render) {
        Rendered cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        Rendered fresh = new Rendered(key, render.get());
        return entries.putIfAbsent(key, fresh, fresh.identity.length);
    }

    /** How many bytes the kept pages hold, both forms. */
    long bytes() {
        return entries.weight();
    }

    int size() {
        return entries.size();
    }
}
