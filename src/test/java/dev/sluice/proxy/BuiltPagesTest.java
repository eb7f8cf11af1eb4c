package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.pep.ProjectName;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltPagesTest {
    private static final Instant FETCHED = Instant.parse("2026-11-27T12:00:00Z");
    private static final ProjectPage PAGE = new ProjectPage(ProjectName.of("demo"), "demo", 1, List.of(), Provenance.source("pypi"));

    @Test
    void aPageIsRememberedWhileItsUpstreamPageIsFreshAndNoFileWasCachedSince() {
        BuiltPages pages = new BuiltPages(10);
        assertThat(pages.get("demo", FETCHED.minusSeconds(1))).isNull();
        pages.put("demo", FETCHED, PAGE);
        assertThat(pages.get("demo", FETCHED.minusSeconds(1))).isSameAs(PAGE);
        assertThat(pages.get("demo", FETCHED)).as("due again: the upstream is asked").isNull();
        pages.fileCached();
        assertThat(pages.get("demo", FETCHED.minusSeconds(1))).as("a cached file changes what the page shows").isNull();
    }

    @Test
    void keepsAtMostItsCapacity() {
        BuiltPages pages = new BuiltPages(2);
        for (String p : List.of("a", "b", "c")) {
            pages.put(p, FETCHED, PAGE);
        }
        assertThat(pages.get("a", FETCHED.minusSeconds(1))).isNull();
        assertThat(pages.get("c", FETCHED.minusSeconds(1))).isSameAs(PAGE);
    }
}
