package dev.sluice.proxy;

import dev.sluice.index.LruMap;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Which files each cached upstream page lists, remembered for the page as fetched at one time. A cached file is
 * served once its cached page lists it, whatever the page's age; without this, every such hit would read and
 * decode the project's whole cached page.
 */
final class ListedFiles {
    private record Listing(Instant fetched, Set<String> filenames) {}

    private final Map<String, Listing> listings;

    ListedFiles(int capacity) {
        this.listings = new LruMap<>(capacity);
    }

    /** The files listed by the project's page fetched at {@code fetched}, or null when not remembered. */
    synchronized Set<String> get(String project, Instant fetched) {
        Listing listing = listings.get(project);
        return listing != null && listing.fetched().equals(fetched) ? listing.filenames() : null;
    }

    synchronized void put(String project, Instant fetched, Set<String> filenames) {
        listings.put(project, new Listing(fetched, Set.copyOf(filenames)));
    }
}
