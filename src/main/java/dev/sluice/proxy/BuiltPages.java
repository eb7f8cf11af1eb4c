package dev.sluice.proxy;

import dev.sluice.util.LruMap;
import dev.sluice.index.ProjectPage;
import java.time.Instant;
import java.util.Map;

/**
 * Project pages a proxy source has built from its cached upstream pages, remembered until the upstream page
 * is due again or the source caches another file (a cached file adds its size and metadata hash to the
 * page). Building a page means reading the cached page out of the catalog, parsing every filename and
 * sorting by version: 25 ms for 2,000 files, which a hot page must not pay on every request.
 */
final class BuiltPages {
    /** A page, the time its upstream page was fetched, and the file generation it was built at. */
    private record Built(ProjectPage page, Instant fetched, long fileGeneration) {}

    private final Map<String, Built> pages;
    private long fileGeneration;

    BuiltPages(int capacity) {
        this.pages = new LruMap<>(capacity);
    }

    /** The page built for a project whose upstream page was fetched after {@code freshSince}, or null. */
    synchronized ProjectPage get(String project, Instant freshSince) {
        Built built = pages.get(project);
        if (built == null || built.fileGeneration() != fileGeneration || !built.fetched().isAfter(freshSince)) {
            return null;
        }
        return built.page();
    }

    /** @param fetched when the upstream page the page was built from was fetched (or last confirmed) */
    synchronized void put(String project, Instant fetched, ProjectPage page) {
        pages.put(project, new Built(page, fetched, fileGeneration));
    }

    /** The source cached a file or metadata: every page may now show more. */
    synchronized void fileCached() {
        fileGeneration++;
    }
}
