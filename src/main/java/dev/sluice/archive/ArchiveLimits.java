package dev.sluice.archive;

/**
 * Bounds on what reading a distribution may cost, so that a hostile upload or upstream file cannot exhaust
 * memory, disk or time. Sizes are uncompressed bytes.
 *
 * @param maxEntries entries in one archive (the largest real wheels hold tens of thousands)
 * @param maxTotalBytes all entries together
 * @param maxEntryBytes any one entry
 * @param maxRatio uncompressed:compressed ratio above which an entry, or a whole tar.gz, is a bomb
 * @param ratioFloorBytes sizes below which the ratio is not judged (small files compress very well)
 * @param maxMetadataBytes the METADATA or PKG-INFO file itself, which is held in memory
 */
public record ArchiveLimits(int maxEntries, long maxTotalBytes, long maxEntryBytes, int maxRatio,
        long ratioFloorBytes, int maxMetadataBytes) {

    public static final ArchiveLimits DEFAULT = new ArchiveLimits(100_000, 4L << 30, 2L << 30, 200, 1 << 20, 16 << 20);
}
