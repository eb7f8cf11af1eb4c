package dev.sluice.store;

import dev.sluice.util.Digests;
import java.nio.file.Path;

/**
 * Bytes written to staging, with their digests, not yet visible. The file is local even for remote stores,
 * so that it can be inspected (archive checks, metadata extraction) before it is committed.
 */
public record StagedBlob(Path file, long size, Digests digests) {}
