package dev.sluice.archive;

import dev.sluice.pep.CoreMetadata;

/**
 * The core metadata file of a distribution: where it was in the archive, its exact bytes (served as PEP 658
 * {@code .metadata}, whose hash must match those bytes), and its parsed fields.
 */
public record DistributionMetadata(String path, byte[] bytes, CoreMetadata metadata) {}
