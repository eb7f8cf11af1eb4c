package dev.sluice.hosted;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectList;
import dev.sluice.pep.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the hosted source keeps about projects, releases and files, apart from their bytes. Every change is
 * one transaction and bumps the serial.
 */
public interface HostedCatalog {
    ProjectList projects();

    /** The projects with a file uploaded at or before {@code at}, each with the serial of its last such upload. */
    ProjectList projectsAsOf(java.time.Instant at);

    Optional<StoredProject> project(String normalizedName);

    /** The project's files, in no particular order. */
    List<DistributionFile> files(String normalizedName);

    /**
     * Whether a file may be added: free, taken (by this filename, or by another spelling of the same file: the
     * same {@code slot}), or used before and deleted.
     *
     * @param slot the file's {@code DistributionFilename.slot()}
     */
    FilenameState filenameState(String normalizedName, String filename, String slot);

    /** The versions of the project's releases, as stored. */
    List<String> versions(String normalizedName);

    /**
     * How a version is stored for the project: the spelling of an existing release that PEP 440 calls equal
     * ({@code 1.0.0} is release {@code 1.0}), else the version's normal form. One release never appears twice.
     */
    default String releaseVersion(String normalizedName, Version version) {
        return versions(normalizedName).stream().filter(v -> Version.isValid(v) && Version.parse(v).equals(version))
                .findFirst().orElse(version.toString());
    }

    /**
     * Records a new file (and its project and release when they are new).
     *
     * @return the new serial
     * @throws FilenameUnavailableException when the filename or its slot is taken or burned (checked in the transaction)
     */
    long publish(NewDistribution distribution);

    /** The core metadata (as JSON) of a release, for the JSON API. */
    Optional<String> releaseMetadataJson(String normalizedName, String version);

    /** Yanks or unyanks a release's files, or one file of it when {@code filename} is given; returns how many changed. */
    int setYanked(String normalizedName, String version, String filename, boolean yanked, String reason);

    /** Deletes a release's files, or one file when {@code filename} is given; their filenames stay burned. */
    int delete(String normalizedName, String version, String filename);

    /** Records an admin's claim of a name for the organisation. @return false when it was claimed already */
    boolean claim(String normalizedName, String claimedBy, Instant at);

    boolean isClaimed(String normalizedName);

    /**
     * Gives a hosted name back: deletes every file (their filenames and slots stay burned), the releases, the project
     * and its claim, in one transaction.
     *
     * @return how many files were deleted, or -1 when the name was neither hosted nor claimed
     */
    int releaseName(String normalizedName);

    record StoredProject(String normalizedName, String displayName, long lastSerial) {}

    /** A file to record, its slot, its release's metadata (used if the release is new) and who uploaded it. */
    record NewDistribution(String normalizedName, String displayName, DistributionFile file, String slot,
            String releaseMetadataJson, String uploadedBy) {}

    sealed interface FilenameState {
        record Free() implements FilenameState {}

        /** @param filename the file that holds the slot: the one asked about, or another spelling of it */
        record Taken(String project, String filename, String sha256) implements FilenameState {}

        record Burned() implements FilenameState {}
    }
}
