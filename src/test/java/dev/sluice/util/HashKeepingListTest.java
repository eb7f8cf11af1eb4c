package dev.sluice.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashKeepingListTest {
    @Test
    void isEqualToAndHashesAsAnyListOfTheSameElements() {
        List<String> source = new ArrayList<>(List.of("a", "b", "c"));
        List<String> kept = HashKeepingList.copyOf(source);
        assertThat(kept).isEqualTo(List.of("a", "b", "c")).hasSameHashCodeAs(List.of("a", "b", "c"));
        assertThat(List.of("a", "b", "c")).isEqualTo(kept);
        source.add("d"); // a copy: the source changing changes nothing
        assertThat(kept).hasSize(3).hasSameHashCodeAs(List.of("a", "b", "c"));
        assertThat(HashKeepingList.copyOf(kept)).isSameAs(kept);
        assertThat(HashKeepingList.copyOf(List.of())).isEmpty();
    }

    @Test
    void cannotBeChanged() {
        List<String> kept = HashKeepingList.copyOf(List.of("a"));
        assertThatThrownBy(() -> kept.add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> kept.set(0, "b")).isInstanceOf(UnsupportedOperationException.class);
    }
}
