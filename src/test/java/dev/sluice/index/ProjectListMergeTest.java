package dev.sluice.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ProjectListMergeTest {
    private static ProjectList.Entry entry(String name, long serial) {
        return new ProjectList.Entry(name.toUpperCase(java.util.Locale.ROOT), name, serial);
    }

    /** A list streamed as given (out of order if so given), counting how often its stream is closed. */
    private static ProjectList streamed(List<ProjectList.Entry> entries, AtomicInteger closed) {
        return ProjectList.lazy(1, () -> entries.stream().onClose(closed::incrementAndGet));
    }

    @Test
    void aListOutOfOrderFailsTheMergeRatherThanListingANameTwice() {
        AtomicInteger closed = new AtomicInteger();
        ProjectList merged = ProjectList.merge(1, List.of(
                streamed(List.of(entry("a", 1), entry("c", 1)), closed),
                streamed(List.of(entry("d", 1), entry("b", 1)), closed)), (a, b) -> a);
        assertThatThrownBy(merged::projects).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'b' came after 'd'");
        assertThat(closed).as("every source's stream closed even so").hasValue(2);
    }

    @Test
    void theFirstListOwnsANameAndEveryStreamIsClosed() {
        AtomicInteger closed = new AtomicInteger();
        ProjectList merged = ProjectList.merge(7, List.of(
                streamed(List.of(entry("b", 1), entry("d", 1)), closed),
                streamed(List.of(entry("a", 2), entry("b", 2), entry("e", 2)), closed),
                streamed(List.of(), closed)), (owner, later) -> owner);
        assertThat(merged.lastSerial()).isEqualTo(7);
        assertThat(merged.projects()).containsExactly(entry("a", 2), entry("b", 1), entry("d", 1), entry("e", 2));
        assertThat(closed).hasValue(3);
    }

    static LongStream seeds() {
        return new Random().longs(20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mergesAsATreeMapWouldWithoutHoldingTheLists(long seed) {
        Random random = new Random(seed);
        List<ProjectList> lists = new ArrayList<>();
        Map<String, ProjectList.Entry> expected = new TreeMap<>();
        for (int list = 0; list < 1 + random.nextInt(4); list++) {
            TreeMap<String, ProjectList.Entry> names = new TreeMap<>();
            for (int i = 0; i < random.nextInt(200); i++) {
                String name = "p" + random.nextInt(300) + (random.nextBoolean() ? "-x" : "");
                names.put(name, entry(name, list + 1));
            }
            names.values().forEach(e -> expected.merge(e.normalizedName(), e,
                    (a, b) -> new ProjectList.Entry(a.displayName(), a.normalizedName(), a.lastSerial() + b.lastSerial())));
            lists.add(new ProjectList(List.copyOf(names.values()), list));
        }
        ProjectList merged = ProjectList.merge(0, lists,
                (a, b) -> new ProjectList.Entry(a.displayName(), a.normalizedName(), a.lastSerial() + b.lastSerial()));
        try (Stream<ProjectList.Entry> entries = merged.stream()) {
            assertThat(entries.toList()).as("seed %d", seed).containsExactlyElementsOf(expected.values());
        }
    }
}
