package dev.sluice.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StartOverMapTest {
    @Test
    void remembersUpToItsCapacityThenForgetsEverythingAndStartsAgain() {
        StartOverMap<String, Integer> map = new StartOverMap<>(3);
        map.put("a", 1);
        map.put("b", 2);
        map.put("c", 3);
        assertThat(map.get("a")).isEqualTo(1);
        assertThat(map.size()).isEqualTo(3);

        map.put("d", 4);

        assertThat(map.size()).isEqualTo(1);
        assertThat(map.get("a")).isNull();
        assertThat(map.get("d")).isEqualTo(4);
    }

    @Test
    void aBatchThatWouldOverfillItStartsItAgainWithTheBatch() {
        StartOverMap<String, Integer> map = new StartOverMap<>(3);
        map.putAll(Map.of("a", 1));
        map.putAll(Map.of("b", 2));
        assertThat(map.get("a")).as("a batch that fits keeps what is there").isEqualTo(1);

        map.putAll(Map.of("c", 3, "d", 4));

        assertThat(map.size()).isEqualTo(2);
        assertThat(map.get("a")).isNull();
        assertThat(map.get("c")).isEqualTo(3);
    }
}
