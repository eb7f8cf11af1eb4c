package dev.sluice.store;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectList;
import java.util.List;
import java.util.Optional;

/**
 * What the hosted source keeps about projects, releases and files, apart from their bytes. Every change is
 * one transaction and bumps the serial.
 */
public interface HostedCatalog {
    ProjectList projects();

    Optional<StoredProject> project(String normalizedName);

    /** The project's files, in no particular order. */
    List<DistributionFile> files(String normalizedName);

    /** Whether a filename is free, holds a file (and which bytes), or was used and deleted. */
    FilenameState filenameState(String filename);

    /**
     * Records a new file (and its project and release when they are new).
     *
     * @return the new serial
     * @throws FilenameUnavailableException when the filename is taken or burned (checked in the transaction)
     */
    long publish(NewDistribution distribution);

    /** The core metadata (as JSON) of a release, for the JSON API. */
    Optional<String> releaseMetadataJson(String normalizedName, String version);

    /** Yanks or unyanks a release's files, or one file of it when {@code filename} is given; returns how many changed. */
    int setYanked(String normalizedName, String version, String filename, boolean yanked, String reason);

    /** Deletes a release's files, or one file when {@code filename} is given; their filenames stay burned. */
    int delete(String normalizedName, String version, String filename);

    record StoredProject(String normalizedName, String displayName, long lastSerial) {}

    /** A file to record, with its release's metadata (used if the release is new) and who uploaded it. */
    record NewDistribution(String normalizedName, String displayName, DistributionFile file, String releaseMetadataJson,
            String uploadedBy) {}

    sealed interface FilenameState {
        record Free() implements FilenameState {}

        record Taken(String project, String sha256) implements FilenameState {}

        record Burned() implements FilenameState {}
    }
}
