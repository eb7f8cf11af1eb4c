package dev.sluice.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Copies every blob of one store into another (a folder to S3 and back, a store to its backup and back): each is read, staged at the target with its
 * digests computed, compared with its name (its sha256) and only then committed, so a damaged blob is reported, never
 * carried. A blob the target holds already is left alone: a second run copies nothing, an interrupted one resumes.
 * Several blobs are copied at once: an object store spends most of each request waiting.
 */
final class BlobCopy {
    /** What the copy did. */
    record Report(long total, long copied, long alreadyThere, long bytesCopied) {}

    private static final int AT_ONCE = 8;
    private static final long PROGRESS_EVERY = 500;

    private BlobCopy() {}

    static Report copy(BlobStore from, BlobStore to, Consumer<String> progress) throws IOException {
        AtomicLong total = new AtomicLong();
        AtomicLong copied = new AtomicLong();
        AtomicLong there = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        Semaphore slots = new Semaphore(AT_ONCE);
        List<Future<?>> running = new ArrayList<>();
        try (Stream<String> names = from.names(); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Iterator<String> it = names.iterator(); it.hasNext(); ) {
                String name = it.next();
                slots.acquireUninterruptibly();
                running.add(pool.submit(() -> {
                    try {
                        long size = copyOne(from, to, name);
                        if (size < 0) {
                            there.incrementAndGet();
                        } else {
                            copied.incrementAndGet();
                            bytes.addAndGet(size);
                        }
                        if (total.incrementAndGet() % PROGRESS_EVERY == 0) {
                            progress.accept("blobs: " + total.get() + " looked at, " + copied.get() + " copied (" + bytes.get() + " bytes)");
                        }
                        return null;
                    } finally {
                        slots.release();
                    }
                }));
                failFast(running); // a damaged blob stops the copy now, not after every other one
                running.removeIf(Future::isDone);
            }
            for (Future<?> f : running) {
                await(f);
            }
        }
        progress.accept("blobs: " + copied + " of " + total + " copied (" + bytes + " bytes), " + there + " already there");
        return new Report(total.get(), copied.get(), there.get(), bytes.get());
    }

    /** Copies one blob; its size, or -1 when the target holds it already. */
    private static long copyOne(BlobStore from, BlobStore to, String name) throws IOException {
        if (to.open(name).isPresent()) {
            return -1;
        }
        BlobStore.Blob blob = from.open(name).orElseThrow(() -> new IOException("the blob " + name + " went missing"));
        StagedBlob staged;
        try (InputStream in = blob.openStream(0, -1)) {
            staged = to.stage(in, Long.MAX_VALUE);
        }
        if (!staged.digests().sha256().equals(name)) {
            to.discard(staged);
            throw new IOException("the blob " + name + " is damaged where it is copied from: its bytes have sha256 "
                    + staged.digests().sha256() + "; nothing of it was copied (`sluice verify` lists every such blob)");
        }
        to.commit(staged);
        return staged.size();
    }

    private static void failFast(List<Future<?>> running) throws IOException {
        for (Future<?> f : running) {
            if (f.isDone()) {
                await(f);
            }
        }
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }
}
