package dev.sluice.web;

import dev.sluice.app.LiveGraph;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rendered pages of the graph served now. A reload's graph starts with none, since it may render a project
 * differently; a request still running on an older graph renders without keeping what it renders.
 */
final class GraphPages {
    /** As many as the gates behind keep judged (JudgedPages): the bytes budget of RenderedPages bounds them too. */
    private static final int PAGES = dev.sluice.index.gates.JudgedPages.MAX_PAGES;

    private record Kept(long generation, RenderedPages pages) {}

    private final AtomicReference<Kept> kept = new AtomicReference<>(new Kept(0, new RenderedPages(PAGES)));

    RenderedPages of(LiveGraph.Current graph) {
        Kept now = kept.get();
        if (now.generation() == graph.generation()) {
            return now.pages();
        }
        Kept fresh = new Kept(graph.generation(), new RenderedPages(PAGES));
        if (graph.generation() > now.generation() && kept.compareAndSet(now, fresh)) {
            return fresh.pages();
        }
        Kept raced = kept.get();
        return raced.generation() == graph.generation() ? raced.pages() : fresh.pages();
    }
}
