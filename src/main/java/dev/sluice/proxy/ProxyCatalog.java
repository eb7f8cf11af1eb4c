package dev.sluice.proxy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a proxy source remembers of its upstream: pages (with their validators) and which files it holds. */
public interface ProxyCatalog {
    /**
     * A page as last fetched.
     *
     * @param status 200, or 404 for an upstream "not found" remembered for a while
     * @param pageJson the page in Sluice's reading (null for 404)
     */
    record CachedPage(String project, int status, Instant fetched, String etag, String lastModified, String pageJson) {}

    record CachedBlob(String name, String sha256, long size) {}

    Optional<CachedPage> page(String source, String project);

    /**
     * When a page cached with status 200 was fetched or last confirmed; empty when there is none. A cheap check
     * that a page read before is still the one cached.
     */
    Optional<Instant> pageFetched(String source, String project);

    void savePage(String source, CachedPage page);

    /** Marks a page as confirmed now (the upstream answered 304). */
    void touchPage(String source, String project, Instant fetched);

    /** Projects with a cached page (not the upstream's whole list). */
    List<String> projects(String source);

    /** How many projects have a cached page: the list changes as this does (a project cached, or gone upstream). */
    long projectCount(String source);

    Optional<CachedBlob> blob(String source, String name);

    /** The cached blobs among these names, by name (one query for a whole page). */
    java.util.Map<String, CachedBlob> blobs(String source, java.util.Collection<String> names);

    /** Every cached distribution of the source (not metadata), as filename and sha256, in filename order. */
    List<CachedBlob> distributions(String source);

    /** Records the verified bytes a blob name stands for; newer bytes replace older ones under the same name. */
    void saveBlob(String source, CachedBlob blob);

    /** The bytes the source's cached files and metadata take, all told. */
    long cachedBytes(String source);

    /** The source's cached blobs least recently read first (never read: by when cached), at most {@code limit}. */
    List<CachedBlob> leastRecentlyRead(String source, int limit);

    /** Records when cached blobs were last read (a batch of reads remembered in memory). */
    void markRead(String source, java.util.Map<String, Instant> lastRead);

    /** Forgets one cached blob of the source: the next request fetches it from the upstream again. */
    void forgetBlob(String source, String name);

    /** Whether any proxy source's cache names these bytes. */
    boolean names(String sha256);
}
