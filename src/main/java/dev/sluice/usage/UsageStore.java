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
            String cpu, Boolean ci, String decision, String detail, String source, String gates, int status, Long bytes, long durationMicros,
            String requestId) {}

    /** Appends events in one transaction. */
    void append(List<Event> events);

    /** The versions of a project whose files were served, for range filtering. */
    List<String> loggedVersions(String project);

    /** Served file downloads of these versions of a project (all versions when null) between two times. */
    List<Usage.Fetcher> whoFetched(String project, Collection<String> versions, Instant from, Instant to);

    /** Served file downloads per day (key, UTC date) and version (subKey). */
    List<Usage.Count> downloadsPerDay(String project, Instant from, Instant to);

    /** Projects by served file downloads, most first. */
    List<Usage.Count> topProjects(Instant from, Instant to, int limit);

    /** Downloads of these projects' versions between two times: key the project, subKey the version. */
    List<Usage.Count> downloadsByVersion(Collection<String> projects, Instant from, Instant to);

    /** Refused requests by the gate that refused (key; 'access' for authentication and permissions) and reason (subKey). */
    List<Usage.Count> refusals(Instant from, Instant to);

    /** Every event between two times, oldest first, handed over one by one (nothing held whole). */
    void export(Instant from, Instant to, Consumer<Event> sink);

    /** Deletes events older than the time. @return how many */
    long pruneBefore(Instant before);

    long count();
}
