package dev.sluice.util;

import dev.sluice.util.StartOverMap;
import java.util.Optional;
import java.util.function.Function;

/**
 * Remembers a pure function's answers for up to {@code capacity} inputs, so that what every request repeats
 * (its User-Agent, the filename it fetched) is parsed once. When full it forgets everything and starts again
 * ({@link StartOverMap}). A null input is not remembered; a null answer is.
 */
public final class Memo<K, V> {
    private final Function<K, V> function;
    private final StartOverMap<K, Optional<V>> known;

    public Memo(Function<K, V> function, int capacity) {
        this.function = function;
        this.known = new StartOverMap<>(capacity);
    }

    /** The function's answer for this input (null when the function answers null). */
    public V of(K input) {
        if (input == null) {
            return function.apply(null);
        }
        Optional<V> answer = known.get(input);
        if (answer == null) {
            answer = Optional.ofNullable(function.apply(input));
            known.put(input, answer);
        }
        return answer.orElse(null);
    }

    int size() {
        return known.size();
    }
}
