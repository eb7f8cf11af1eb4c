package dev.sluice.proxy;

import dev.sluice.util.LruMap;
import java.time.Instant;
import java.util.Map;

/**
 * Which files each cached upstream page lists, with the sha256 it gives each, remembered for the page as fetched at one time. A cached file is
 * served once its cached page lists it, whatever the page's age; without this, every such hit would read and
 * decode the project's whole cached page. When the listing was last confirmed to be the catalog's newest is
 * remembered too, so that hits in quick succession (a lock file's installs ask for files, not pages) do not each
 * ask the catalog again.
 */
final class ListedFiles {
    private record Listing(Instant fetched, Map<String, String> filenames, Instant confirmed) {}

    private final Map<String, Listing> listings;

    ListedFiles(int capacity) {
        this.listings = new LruMap<>(capacity);
    }

    /** The files listed by the project's cached page, if that page was confirmed as the newest at or after {@code since}. */
    synchronized Map<String, String> confirmedSince(String project, Instant since) {
        Listing listing = listings.get(project);
        return listing != null && !listing.confirmed().isBefore(since) ? listing.filenames() : null;
    }

    /**
     * The files listed by the project's page fetched at {@code fetched}, or null when not remembered. The catalog
     * just named that page as its newest: the listing counts as confirmed {@code now}.
     */
    synchronized Map<String, String> get(String project, Instant fetched, Instant now) {
        Listing listing = listings.get(project);
        if (listing == null || !listing.fetched().equals(fetched)) {
            return null;
        }
        listings.put(project, new Listing(fetched, listing.filenames(), now));
        return listing.filenames();
    }

    synchronized void put(String project, Instant fetched, Map<String, String> filenames, Instant now) {
        listings.put(project, new Listing(fetched, Map.copyOf(filenames), now));
    }

    /** The project's page was fetched again: what is remembered of the older one must not answer for it. */
    synchronized void forget(String project) {
        listings.remove(project);
    }
}
