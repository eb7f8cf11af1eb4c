package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderedPagesTest {
    @Test
    void aPageIsRenderedOnceWhileItIsKept() {
        RenderedPages pages = new RenderedPages(10, 1 << 20);
        AtomicInteger renders = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            pages.get("demo|1", () -> {
                renders.incrementAndGet();
                return new byte[100];
            });
        }
        assertThat(renders).hasValue(1);
    }

    @Test
    void theLeastRecentlyUsedPagesGoOnceTheirBytesPassTheBudget() {
        RenderedPages pages = new RenderedPages(1_000, 250_000);
        for (int i = 0; i < 10; i++) {
            pages.get("big-" + i + "|1", () -> new byte[100_000]);
        }
        assertThat(pages.bytes()).as("never more than the budget").isLessThanOrEqualTo(250_000);
        assertThat(pages.size()).isEqualTo(2);
        AtomicInteger renders = new AtomicInteger();
        pages.get("big-9|1", () -> {
            renders.incrementAndGet();
            return new byte[100_000];
        });
        assertThat(renders).as("the newest page is still kept").hasValue(0);
    }

    @Test
    void aGzipFormCountsOnceAndOnlyWhileItsPageIsKept() {
        RenderedPages pages = new RenderedPages(1_000, 1 << 20);
        RenderedPages.Rendered page = pages.get("demo|1", () -> "x".repeat(10_000).getBytes());
        long identityOnly = pages.bytes();
        byte[] gzip = page.gzip();
        page.gzip();
        assertThat(pages.bytes()).isEqualTo(identityOnly + gzip.length);

        RenderedPages small = new RenderedPages(1, 1 << 20);
        RenderedPages.Rendered dropped = small.get("a|1", () -> new byte[1_000]);
        small.get("b|1", () -> new byte[1_000]);
        dropped.gzip();
        assertThat(small.bytes()).as("a dropped page's gzip is not counted").isEqualTo(1_000);
    }

    @Test
    void aSinglePageLargerThanTheBudgetIsStillServedAndKeptUntilTheNext() {
        RenderedPages pages = new RenderedPages(1_000, 10_000);
        RenderedPages.Rendered huge = pages.get("huge|1", () -> new byte[50_000]);
        assertThat(huge.identity).hasSize(50_000);
        assertThat(pages.size()).isEqualTo(1);
        pages.get("other|1", () -> new byte[100]);
        assertThat(pages.size()).isEqualTo(1);
        assertThat(pages.bytes()).isEqualTo(100);
    }
}
