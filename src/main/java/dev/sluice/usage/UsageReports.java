package dev.sluice.usage;

import dev.sluice.pep.ProjectName;
import dev.sluice.pep.SpecifierSet;
import dev.sluice.pep.Version;
import java.time.Instant;
import java.util.List;

/**
 * The questions people ask the usage log: who fetched which versions of a project, downloads per day, the most
 * fetched projects, what was refused and why. Versions are chosen as PEP 440 ranges, over the versions the log saw.
 */
final class UsageReports {
    private final UsageStore store;

    UsageReports(UsageStore store) {
        this.store = store;
    }

    /**
     * Who fetched files of the project: identity, address, installer and version, downloads, first and last time.
     *
     * @param versions a PEP 440 range ({@code >=2,<3}), or null for every version
     */
    public List<Usage.Fetcher> whoFetched(ProjectName project, SpecifierSet versions, Instant since, Instant until) {
        List<String> matching = versions == null ? null : store.loggedVersions(project.value()).stream()
                .filter(v -> Version.isValid(v) && versions.contains(Version.parse(v), true)).sorted().toList();
        return store.whoFetched(project.value(), matching, since, until);
    }

    public List<Usage.Count> downloadsPerDay(ProjectName project, Instant since, Instant until) {
        return store.downloadsPerDay(project.value(), since, until);
    }

    public List<Usage.Count> topProjects(Instant since, Instant until, int limit) {
        return store.topProjects(since, until, limit);
    }

    public List<Usage.Count> refusals(Instant since, Instant until) {
        return store.refusals(since, until);
    }

    /** Every event in the time range, oldest first, to {@code sink}. */
    public void export(Instant since, Instant until, java.util.function.Consumer<UsageStore.Event> sink) {
        store.export(since, until, sink);
    }

    /** Deletes the events before a time. @return how many */
    public long pruneBefore(Instant before) {
        return store.pruneBefore(before);
    }
}
