package dev.sluice.ui;

import dev.sluice.index.DistributionFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One version in a project's release history: when its first file came, how many files it has, and whether it is
 * yanked (every file yanked, PEP 592), with the reason.
 */
public record Release(String version, String uploaded, int files, boolean yanked, String yankReason) {
    /** The releases of a page's files (oldest first, as the index lists them), newest first. */
    static List<Release> of(List<DistributionFile> files, java.util.function.Function<Instant, String> when) {
        Map<String, List<DistributionFile>> byVersion = new LinkedHashMap<>();
        for (DistributionFile f : files) {
            byVersion.computeIfAbsent(f.version(), v -> new ArrayList<>()).add(f);
        }
        List<Release> out = new ArrayList<>();
        byVersion.forEach((version, its) -> {
            Instant first = its.stream().map(DistributionFile::uploadTime).filter(t -> t != null).min(Instant::compareTo).orElse(null);
            boolean yanked = its.stream().allMatch(DistributionFile::yanked);
            String reason = yanked ? its.stream().map(DistributionFile::yankReason).filter(r -> r != null && !r.isEmpty()).findFirst()
                    .orElse(null) : null;
            out.add(new Release(version, first == null ? "" : when.apply(first), its.size(), yanked, reason));
        });
        java.util.Collections.reverse(out);
        return out;
    }
}
