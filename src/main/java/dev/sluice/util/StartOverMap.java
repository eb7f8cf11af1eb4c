package dev.sluice.util;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map of at most {@code capacity} entries that forgets them all when it is full, then fills again:
 * cheaper than keeping an order (as {@link LruMap} does), and enough for what Sluice remembers this way (parsed
 * User-Agents, cached blob names, dictionary rows already written), which repeats or is cheap to learn again.
 */
public final class StartOverMap<K, V> {
    private final int capacity;
    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();

    public StartOverMap(int capacity) {
        this.capacity = capacity;
    }

    /** The value remembered for the key, or null. */
    public V get(K key) {
        return entries.get(key);
    }

    public void put(K key, V value) {
        if (entries.size() >= capacity) {
            entries.clear();
        }
        entries.put(key, value);
    }

    public void putAll(Map<K, V> more) {
        if (entries.size() + more.size() > capacity) {
            entries.clear();
        }
        entries.putAll(more);
    }

    public void remove(K key) {
        entries.remove(key);
    }

    public int size() {
        return entries.size();
    }
}
