package dev.sluice.usage;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/** Where the usage log is kept, and the questions asked of it. */
public interface UsageStore {
    /** One request that touched an index; fields are null when they do not apply. */
    record Event(Instant at, String kind, String route, String project, String version, String filename, String identity,
            String tokenId, String clientAddress, String installer, String installerVersion, String python, String os,
            String cpu, Boolean ci, String decision, String detail, String source, String gates, int status, Long bytes, long durationMicros) {}

    /** Who fetched files: one row per identity, address and installer version, with counts and first/last time. */
    record Fetcher(String identity, String clientAddress, String installer, String installerVersion, long downloads,
            Instant first, Instant last) {}

    record Count(String key, String subKey, long count) {}

    /** Appends events in one transaction. */
    void append(List<Event> events);

    /** The versions of a project whose files were served, for range filtering. */
    List<String> loggedVersions(String project);

    /** Served file downloads of these versions of a project (all versions when null) between two times. */
    List<Fetcher> whoFetched(String project, Collection<String> versions, Instant from, Instant to);

    /** Served file downloads per day (key, UTC date) and version (subKey). */
    List<Count> downloadsPerDay(String project, Instant from, Instant to);

    /** Projects by served file downloads, most first. */
    List<Count> topProjects(Instant from, Instant to, int limit);

    /** Refused requests by the gate that refused (key; 'access' for authentication and permissions) and reason (subKey). */
    List<Count> refusals(Instant from, Instant to);

    /** Every event between two times, oldest first, handed over one by one (nothing held whole). */
    void export(Instant from, Instant to, Consumer<Event> sink);

    /** Deletes events older than the time. @return how many */
    long pruneBefore(Instant before);

    long count();
}
