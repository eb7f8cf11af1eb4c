package dev.sluice.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The memory every upstream page being read may hold at once, across all proxies of the server. A page is read
 * whole before it is parsed; without a shared bound, a few concurrent big pages (each under its own limit) would
 * exhaust the heap. A read that would pass the bound fails at once as a 503 with Retry-After (clients retry), never
 * waits holding what it has; a page larger than the whole bound can never be read and is a 502.
 */
final class PageMemory {
    /** A sixteenth of the heap, and at least 8 MiB: PyPI's largest project pages are a few MiB. */
    static final PageMemory SHARED = new PageMemory(Math.max(8L << 20, Runtime.getRuntime().maxMemory() / 16));

    private final long capacity;
    private long held;

    PageMemory(long capacity) {
        this.capacity = capacity;
    }

    long capacity() {
        return capacity;
    }

    /**
     * Reads a whole answer, refusing it past {@code max} bytes or past what the pages being read leave free.
     *
     * @param what names the answer in a refusal
     * @throws UpstreamException 502 for an answer over the limit, 503 when too much is being read at once
     */
    byte[] read(InputStream in, long max, String what) throws IOException, UpstreamException {
        long limit = Math.min(max, capacity);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long taken = 0;
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > limit) {
                    throw new UpstreamException(502, what + " is larger than " + limit + " bytes"
                            + (limit < max ? " (the most this server's heap allows for one page)" : ""));
                }
                if (!take(n)) {
                    throw new UpstreamException(503, "too many large upstream pages are being read at once (" + (capacity >> 20)
                            + " MiB in all); try again", 1L, null);
                }
                taken += n;
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            give(taken);
        }
    }

    synchronized boolean take(long bytes) {
        if (held + bytes > capacity) {
            return false;
        }
        held += bytes;
        return true;
    }

    synchronized void give(long bytes) {
        held -= bytes;
    }

    synchronized long held() {
        return held;
    }
}
