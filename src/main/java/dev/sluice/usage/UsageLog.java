package dev.sluice.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage log's writer: requests hand their event to a bounded queue and go on (never waiting for the
 * catalog); one thread gathers events for up to {@value #LINGER_MILLIS} ms and writes them in batches of up
 * to {@value #BATCH}, each in one transaction, and passes them to an optional extra sink (JSON lines). A full queue drops the event and
 * counts it ({@link #dropped()}, logged every time the count grows). Closing stops taking events, writes
 * everything pending, then returns.
 */
final class UsageLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageLog.class);
    static final int BATCH = 10_000;
    static final long LINGER_MILLIS = 250;

    private final UsageStore store;
    private final Consumer<List<UsageStore.Event>> extraSink;
    /*
     * Lock-free, bounded by a counter: request threads are virtual, and a queue behind a lock made them park and
     * hand the lock over to each other under load, which cost more than writing the events did.
     */
    private final Queue<UsageStore.Event> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final int capacity;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    /** @param extraSink also given every batch written (JSON lines), or null */
    UsageLog(UsageStore store, int capacity, Consumer<List<UsageStore.Event>> extraSink) {
        this.store = store;
        this.extraSink = extraSink;
        this.capacity = capacity;
        this.writer = Thread.ofPlatform().name("sluice-usage-writer").daemon(true).start(this::writeUntilClosed);
    }

    /** Queues an event; never blocks. */
    public void record(UsageStore.Event event) {
        if (closing) {
            drop();
            return;
        }
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            drop();
            return;
        }
        queue.add(event);
    }

    private void drop() {
        long n = dropped.incrementAndGet();
        if (n == 1 || Long.bitCount(n) == 1) {
            LOG.warn("usage log queue full: {} event(s) dropped so far", n);
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public long written() {
        return written.get();
    }

    public int queued() {
        return pending.get();
    }

    /**
     * Sleeps {@link #LINGER_MILLIS}, then writes what gathered meanwhile, in batches. Sleeping, not waiting for
     * events: a writer woken by every event costs the request threads a wake-up each, which under load cost a
     * third of the throughput; and a few large transactions cost far less than many small ones (each commit
     * is an fsync). An event waits a quarter of a second at most. Once closing, it writes what is left and ends.
     */
    private void writeUntilClosed() {
        List<UsageStore.Event> batch = new ArrayList<>(BATCH);
        while (true) {
            boolean last = closing;
            if (!last) {
                try {
                    Thread.sleep(LINGER_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            // What gathered, and no more: under load the queue is never empty, and a writer that went on until
            // it was would write a few events at a time, a commit (an fsync) each (measured: 80 a second).
            int taken;
            do {
                taken = take(batch);
                if (taken > 0) {
                    write(batch);
                    batch.clear();
                }
            } while (taken == BATCH || last && taken > 0);
            if (last) {
                return;
            }
        }
    }

    /** Moves up to a batch of queued events into the list. @return how many */
    private int take(List<UsageStore.Event> batch) {
        UsageStore.Event e;
        while (batch.size() < BATCH && (e = queue.poll()) != null) {
            batch.add(e);
        }
        pending.addAndGet(-batch.size());
        return batch.size();
    }

    private void write(List<UsageStore.Event> gathered) {
        List<UsageStore.Event> batch = List.copyOf(gathered); // the writer reuses its list
        try {
            store.append(batch);
            written.addAndGet(batch.size());
        } catch (RuntimeException e) {
            dropped.addAndGet(batch.size());
            LOG.error("usage log: {} event(s) could not be written: {}", batch.size(), e.toString());
            return;
        }
        if (extraSink != null) {
            try {
                extraSink.accept(batch);
            } catch (RuntimeException e) {
                LOG.warn("usage log: the JSON lines sink failed: {}", e.toString());
            }
        }
    }

    /** Stops taking events and writes everything pending. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.error("usage log: {} event(s) still pending after 60 s at stop", pending.get());
            return;
        }
        List<UsageStore.Event> late = new ArrayList<>();
        while (take(late) > 0) { // offered while the writer was finishing
            write(late);
            late.clear();
        }
    }
}
