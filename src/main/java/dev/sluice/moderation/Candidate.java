package dev.sluice.moderation;

import dev.sluice.index.DistributionFile;
import dev.sluice.pep.ProjectName;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A file a moderation gate decides about, with what the rules may ask of it: its project, the file as the page lists
 * it (version, upload time, sha256), the moment, and its core metadata, read only if a rule asks (null when the
 * source has none).
 */
record Candidate(ProjectName project, DistributionFile file, Instant now, Supplier<String> metadata) {}
