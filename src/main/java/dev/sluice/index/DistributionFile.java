package dev.sluice.index;

import java.time.Instant;

/**
 * One file of a project as an index shows it: everything a simple page needs, so that pages are built
 * without touching the file's bytes.
 *
 * @param version the release's version in PEP 440 normal form
 * @param packagetype {@code bdist_wheel} or {@code sdist}
 * @param coreMetadataSha256 sha256 of the PEP 658 metadata file, or null when none is served
 * @param uploadTime with microsecond precision, UTC
 * @param yankReason null unless yanked; may be empty when yanked without a reason
 */
public record DistributionFile(String filename, String version, String packagetype, String pythonVersion, long size,
        String sha256, String md5, String blake2b256, String requiresPython, String coreMetadataSha256,
        Instant uploadTime, boolean yanked, String yankReason) {}
