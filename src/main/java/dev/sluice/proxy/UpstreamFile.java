package dev.sluice.proxy;

import java.time.Instant;

/**
 * A file as the upstream index lists it.
 *
 * @param url absolute URL of the file on the upstream
 * @param coreMetadata "none", "unhashed" (offered without a hash) or "sha256=HEX"
 * @param size in bytes, or -1 when the upstream did not say
 * @param uploadTime or null when the upstream did not say
 * @param yankReason null unless yanked (empty string for no reason)
 */
record UpstreamFile(String filename, String url, String sha256, String requiresPython, String coreMetadata,
        boolean yanked, String yankReason, long size, Instant uploadTime) {

    String coreMetadataSha256() {
        return coreMetadata.startsWith("sha256=") ? coreMetadata.substring(7) : null;
    }
}
