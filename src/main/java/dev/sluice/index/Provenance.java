package dev.sluice.index;

import java.util.List;

/**
 * Which source answered and which gates acted on the way, for the usage log and the UI; and, when the answer
 * is an old copy because the source could not be asked, why ({@code staleReason}, else null).
 */
public record Provenance(String source, List<String> gates, String staleReason) {
    public static Provenance source(String name) {
        return new Provenance(name, List.of(), null);
    }

    public Provenance stale(String reason) {
        return new Provenance(source, gates, reason);
    }
}
