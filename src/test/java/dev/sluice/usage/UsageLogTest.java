package dev.sluice.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class UsageLogTest {
    /** A store that keeps appended events, and can be held up to fill the queue or slowed down. */
    static final class Recording implements UsageStore {
        final List<Event> events = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile long appendNanos;

        @Override
        public void append(List<Event> batch) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batches.add(batch.size());
            events.addAll(batch);
            java.util.concurrent.locks.LockSupport.parkNanos(appendNanos);
        }

        @Override public List<String> loggedVersions(String project) { return List.of(); }
        @Override public List<Usage.Fetcher> whoFetched(String p, Collection<String> v, Instant f, Instant t) { return List.of(); }
        @Override public List<Usage.Count> downloadsPerDay(String p, Instant f, Instant t) { return List.of(); }
        @Override public List<Usage.Count> topProjects(Instant f, Instant t, int l) { return List.of(); }
        @Override public List<Usage.Count> refusals(Instant f, Instant t) { return List.of(); }
        @Override public List<Usage.Count> downloadsByVersion(Collection<String> p, Instant f, Instant t) { return List.of(); }
        @Override public void export(Instant f, Instant t, Consumer<Event> s) { }
        @Override public long pruneBefore(Instant b) { return 0; }
        @Override public long count() { return events.size(); }
    }

    static UsageStore.Event event(int i) {
        return new UsageStore.Event(Instant.EPOCH.plusSeconds(i), "file", "simple", "p", "1.0", "p-1.0.tar.gz", "anonymous", null,
                "127.0.0.1", "pip", "24.2", null, null, null, null, "served", null, null, null, 200, 1L, 1, null);
    }

    @Test
    void closingWritesEveryPendingEventInBatches() {
        Recording store = new Recording();
        store.gate = new CountDownLatch(1);
        List<List<UsageStore.Event>> extra = Collections.synchronizedList(new ArrayList<>());
        UsageLog log = new UsageLog(store, 100_000, extra::add);
        for (int i = 0; i < 10_000; i++) {
            log.record(event(i));
        }
        store.gate.countDown();
        log.close();
        assertThat(store.events).hasSize(10_000);
        assertThat(store.events.get(9_999)).isEqualTo(event(9_999));
        assertThat(store.batches).allMatch(n -> n <= UsageLog.BATCH);
        assertThat(extra.stream().mapToInt(List::size).sum()).as("the JSON lines sink saw every batch").isEqualTo(10_000);
        assertThat(log.dropped()).isZero();
        log.record(event(1));
        assertThat(log.dropped()).as("after close, events are counted as dropped, never lost silently").isEqualTo(1);
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void underSteadyLoadTheWriterCommitsWhatGatheredOncePerLingerNotAFewEventsAtATime() throws Exception {
        Recording store = new Recording();
        store.appendNanos = 5_000_000; // a commit takes a while
        UsageLog log = new UsageLog(store, 100_000, null);
        long end = System.nanoTime() + 1_500_000_000L;
        int recorded = 0;
        while (System.nanoTime() < end) { // events arrive all the time, as under load
            log.record(event(recorded++));
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
        int batchesUnderLoad = store.batches.size();
        log.close();
        assertThat(store.events).hasSize(recorded);
        // 1.5 s of a 250 ms linger: about 6 batches (measured before the fix: hundreds of a few events each)
        assertThat(batchesUnderLoad).as("batches written in %d events' time", recorded).isLessThanOrEqualTo(12);
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aFullQueueDropsAndCountsWithoutBlockingTheCaller() {
        Recording store = new Recording();
        store.gate = new CountDownLatch(1);
        UsageLog log = new UsageLog(store, 100, null);
        for (int i = 0; i < 1_000; i++) {
            log.record(event(i)); // would hang here, the store being held, if recording waited for it
        }
        assertThat(log.dropped()).isBetween(1_000L - 100 - UsageLog.BATCH, 900L);
        store.gate.countDown();
        log.close();
        assertThat(store.events.size() + log.dropped()).isEqualTo(1_000);
    }
}
