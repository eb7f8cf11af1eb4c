package dev.sluice.store;

/**
 * A catalog row that names a blob, as a feature reports it for {@code sluice verify}: the blob, what the row is (for
 * people), and whether the blob can be fetched again from where it came (a proxy's cache) or is the only copy.
 */
public record BlobUse(String sha256, String what, boolean refetchable) {}
