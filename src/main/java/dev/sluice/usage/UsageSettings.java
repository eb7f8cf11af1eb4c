package dev.sluice.usage;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the usage log runs.
 *
 * @param enabled false switches it off (for benchmarks that measure its cost; no event is kept)
 * @param jsonLines also write every event as a JSON line here ({@code -} for standard output), or null
 * @param retention events older than this are pruned (at start, then daily), or null to keep them all
 */
public record UsageSettings(boolean enabled, Path jsonLines, Duration retention) {
    public static final UsageSettings DEFAULT = new UsageSettings(true, null, null);
    public static final Path STANDARD_OUTPUT = Path.of("-");
}
