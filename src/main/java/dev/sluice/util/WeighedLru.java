package dev.sluice.util;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map bounded twice: by entries, and by the weight of what they hold (each entry weighs what its owner says: bytes,
 * files listed). The least recently used go first once either bound is passed, but never the entry just put or grown,
 * so one entry heavier than the bound is still kept until the next. What {@link LruMap} is with a weight; synchronized.
 */
public final class WeighedLru<K, V> {
    private record Weighed<V>(V value, long weight) {}

    private final LinkedHashMap<K, Weighed<V>> entries = new LinkedHashMap<>(1_024, 0.75f, true);
    private final int maxEntries;
    private final long maxWeight;
    private long weight;

    public WeighedLru(int maxEntries, long maxWeight) {
        this.maxEntries = maxEntries;
        this.maxWeight = maxWeight;
    }

    /** The value kept under the key, or null. */
    public synchronized V get(K key) {
        Weighed<V> kept = entries.get(key);
        return kept == null ? null : kept.value();
    }

    /** Keeps {@code value} under the key, in place of any other. */
    public synchronized void put(K key, V value, long valueWeight) {
        Weighed<V> fresh = new Weighed<>(value, valueWeight);
        Weighed<V> old = entries.put(key, fresh);
        weight += valueWeight - (old == null ? 0 : old.weight());
        Iterator<Map.Entry<K, Weighed<V>>> eldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || weight > maxWeight) && eldest.hasNext()) {
            Weighed<V> e = eldest.next().getValue();
            if (e != fresh) {
                weight -= e.weight();
                eldest.remove();
            }
        }
    }

    /** The value kept under the key already, else {@code value}, kept from now on. */
    public synchronized V putIfAbsent(K key, V value, long valueWeight) {
        Weighed<V> kept = entries.get(key);
        if (kept != null) {
            return kept.value();
        }
        put(key, value, valueWeight);
        return value;
    }

    /** Adds to the weight of {@code value} while it is the one kept under the key; false when it is not. */
    public synchronized boolean grow(K key, V value, long more) {
        Weighed<V> kept = entries.get(key);
        if (kept == null || kept.value() != value) {
            return false;
        }
        put(key, value, kept.weight() + more);
        return true;
    }

    /** The weight of everything kept. */
    public synchronized long weight() {
        return weight;
    }

    public synchronized int size() {
        return entries.size();
    }
}
