package dev.sluice.index;

import java.time.Instant;

/**
 * One file of a project as an index shows it: everything a simple page needs, so that pages are built
 * without touching the file's bytes.
 *
 * @param version the release's version in PEP 440 normal form
 * @param packagetype {@code bdist_wheel} or {@code sdist}
 * @param coreMetadata whether PEP 658 metadata is served for this file
 * @param coreMetadataSha256 sha256 of that metadata file, or null when none is served or its hash is not known yet
 * @param uploadTime with microsecond precision, UTC
 * @param yankReason null unless yanked; may be empty when yanked without a reason
 */
public record DistributionFile(String filename, String version, String packagetype, String pythonVersion, long size,
        String sha256, String md5, String blake2b256, String requiresPython, boolean coreMetadata,
        String coreMetadataSha256, Instant uploadTime, boolean yanked, String yankReason) {

    /** This file, yanked with the reason (PEP 592: still installable when pinned exactly). */
    public DistributionFile asYanked(String reason) {
        return new DistributionFile(filename, version, packagetype, pythonVersion, size, sha256, md5, blake2b256,
                requiresPython, coreMetadata, coreMetadataSha256, uploadTime, true, reason);
    }

    /** This file, with PEP 658 core metadata served (its sha256 null while not known). */
    public DistributionFile withCoreMetadata(String metadataSha256) {
        return new DistributionFile(filename, version, packagetype, pythonVersion, size, sha256, md5, blake2b256,
                requiresPython, true, metadataSha256, uploadTime, yanked, yankReason);
    }
}
