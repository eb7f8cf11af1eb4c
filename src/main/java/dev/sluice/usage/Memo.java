package dev.sluice.usage;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers a pure function's answers for up to {@code capacity} inputs, so that what every request repeats
 * (its User-Agent, the filename it fetched) is parsed once. When full it forgets everything and starts again:
 * cheaper than keeping an order, and enough for inputs that repeat. A null input is not remembered.
 */
public final class Memo<K, V> {
    private final Function<K, V> function;
    private final int capacity;
    private final ConcurrentHashMap<K, Optional<V>> known = new ConcurrentHashMap<>();

    public Memo(Function<K, V> function, int capacity) {
        this.function = function;
        this.capacity = capacity;
    }

    /** The function's answer for this input (null when the function answers null). */
    public V of(K input) {
        if (input == null) {
            return function.apply(null);
        }
        Optional<V> answer = known.get(input);
        if (answer == null) {
            answer = Optional.ofNullable(function.apply(input));
            if (known.size() >= capacity) {
                known.clear();
            }
            known.put(input, answer);
        }
        return answer.orElse(null);
    }

    int size() {
        return known.size();
    }
}
