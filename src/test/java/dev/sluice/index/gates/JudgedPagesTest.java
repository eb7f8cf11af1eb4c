package dev.sluice.index.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.pep.ProjectName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JudgedPagesTest {
    @Test
    void keepsAsManyPagesAsAllowedDroppingTheLeastRecentlyUsed() {
        JudgedPages<String> kept = new JudgedPages<>(3, 1_000);
        for (String name : List.of("a", "b", "c")) {
            kept.put(ProjectName.of(name), page(name, 1), "judged " + name);
        }
        assertThat(kept.get(ProjectName.of("a"), null, (x, y) -> true)).isEqualTo("judged a"); // a is now the most recently used
        kept.put(ProjectName.of("d"), page("d", 1), "judged d");
        assertThat(kept.get(ProjectName.of("b"), null, (x, y) -> true)).isNull();
        assertThat(kept.get(ProjectName.of("a"), null, (x, y) -> true)).isEqualTo("judged a");
        assertThat(kept.size()).isEqualTo(3);
    }

    @Test
    void boundsTheFilesTheKeptPagesListAndKeepsTheNewestEvenWhenItAloneIsTooMany() {
        JudgedPages<String> kept = new JudgedPages<>(100, 10);
        kept.put(ProjectName.of("a"), page("a", 4), "a");
        kept.put(ProjectName.of("b"), page("b", 4), "b");
        kept.put(ProjectName.of("c"), page("c", 4), "c"); // 12 files: a leaves
        assertThat(kept.get(ProjectName.of("a"), null, (x, y) -> true)).isNull();
        assertThat(kept.get(ProjectName.of("b"), null, (x, y) -> true)).isEqualTo("b");
        kept.put(ProjectName.of("b"), page("b", 1), "b again"); // a replaced judgement counts its own files only
        kept.put(ProjectName.of("d"), page("d", 5), "d"); // 1 + 4 + 5 = 10
        assertThat(kept.size()).isEqualTo(3);
        kept.put(ProjectName.of("huge"), page("huge", 50), "huge");
        assertThat(kept.get(ProjectName.of("huge"), null, (x, y) -> true)).isEqualTo("huge");
        assertThat(kept.size()).isEqualTo(1);
    }

    @Test
    void aJudgementHoldsForItsPageAndForAnEqualPageWhichThenTakesItsPlace() {
        JudgedPages<String> kept = new JudgedPages<>(10, 100);
        ProjectPage judged = page("a", 3);
        kept.put(ProjectName.of("a"), judged, "judged");
        java.util.concurrent.atomic.AtomicInteger compared = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.BiPredicate<ProjectPage, ProjectPage> same = (x, y) -> {
            compared.incrementAndGet();
            return x.equals(y);
        };
        assertThat(kept.get(ProjectName.of("a"), judged, same)).isEqualTo("judged");
        assertThat(compared).hasValue(0); // the very page: no comparison
        ProjectPage rebuilt = page("a", 3);
        assertThat(kept.get(ProjectName.of("a"), rebuilt, same)).isEqualTo("judged");
        assertThat(kept.get(ProjectName.of("a"), rebuilt, same)).isEqualTo("judged");
        assertThat(compared).hasValue(1); // compared once, then found by identity
        assertThat(kept.get(ProjectName.of("a"), page("a", 2), same)).isNull();
        assertThat(kept.get(ProjectName.of("b"), rebuilt, same)).isNull();
    }

    @Test
    void aPageRebuiltWithTheSameFilesIsTheSamePage() {
        assertThat(JudgedPages.sameFiles(page("a", 3), page("a", 3))).isTrue();
        assertThat(JudgedPages.sameFiles(page("a", 3), page("a", 2))).isFalse();
    }

    private static ProjectPage page(String name, int files) {
        List<DistributionFile> list = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            list.add(new DistributionFile(name + "-" + i + ".0.tar.gz", i + ".0", "sdist", "source", 10, "0".repeat(64), null, null,
                    null, false, null, null, false, null));
        }
        return new ProjectPage(ProjectName.of(name), name, files, list, Provenance.source("hosted"));
    }
}
