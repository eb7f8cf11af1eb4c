package dev.sluice.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeighedLruTest {
    @Test
    void theLeastRecentlyUsedGoOnceTheEntriesOrTheirWeightPassABound() {
        WeighedLru<String, String> kept = new WeighedLru<>(3, 100);
        kept.put("a", "A", 10);
        kept.put("b", "B", 10);
        kept.put("c", "C", 10);
        assertThat(kept.get("a")).isEqualTo("A"); // a is now the most recently used
        kept.put("d", "D", 10);
        assertThat(kept.get("b")).isNull();
        assertThat(kept.size()).isEqualTo(3);
        assertThat(kept.weight()).isEqualTo(30);
        kept.put("e", "E", 75); // 105 > 100: the eldest (c) goes
        assertThat(kept.get("c")).isNull();
        assertThat(kept.weight()).isEqualTo(95);
        kept.put("a", "A again", 1); // a replaced value weighs only its own
        assertThat(kept.weight()).isEqualTo(86);
    }

    @Test
    void theNewestIsKeptEvenWhenItAloneIsTooHeavy() {
        WeighedLru<String, String> kept = new WeighedLru<>(10, 100);
        kept.put("a", "A", 10);
        kept.put("huge", "H", 500);
        assertThat(kept.get("huge")).isEqualTo("H");
        assertThat(kept.size()).isEqualTo(1);
        kept.put("b", "B", 1);
        assertThat(kept.get("huge")).isNull();
        assertThat(kept.weight()).isEqualTo(1);
    }

    @Test
    void putIfAbsentKeepsWhatIsThereAndGrowCountsOnlyTheValueKept() {
        WeighedLru<String, String> kept = new WeighedLru<>(10, 1_000);
        String first = new String("first");
        assertThat(kept.putIfAbsent("k", first, 10)).isSameAs(first);
        assertThat(kept.putIfAbsent("k", "second", 20)).isSameAs(first);
        assertThat(kept.weight()).isEqualTo(10);
        assertThat(kept.grow("k", first, 5)).isTrue();
        assertThat(kept.weight()).isEqualTo(15);
        assertThat(kept.grow("k", new String("first"), 5)).as("an equal value that is not the one kept").isFalse();
        assertThat(kept.grow("gone", first, 5)).isFalse();
        assertThat(kept.weight()).isEqualTo(15);
    }
}
