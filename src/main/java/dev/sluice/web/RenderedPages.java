package dev.sluice.web;

import dev.sluice.index.LruMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Rendered pages, kept per project state: the key names the serial, so a change makes a new key and the old
 * entry simply ages out. A hot page costs a map lookup; its gzip form is made once, when first asked for.
 */
final class RenderedPages {
    /** The bytes of one page in one form, and their gzip encoding once someone asks for it. */
    static final class Rendered {
        final byte[] identity;
        private volatile byte[] gzip;

        Rendered(byte[] identity) {
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
            }
            return g;
        }
    }

    private final Map<String, Rendered> entries;

    RenderedPages(int capacity) {
        this.entries = new LruMap<>(capacity);
    }

    Rendered get(String key, Supplier<byte[]> render) {
        synchronized (entries) {
            Rendered cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Rendered fresh = new Rendered(render.get());
        synchronized (entries) {
            entries.putIfAbsent(key, fresh);
            return entries.get(key);
        }
    }
}
