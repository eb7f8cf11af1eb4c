package dev.sluice.index;

import java.util.List;

/** Which source answered and which gates acted on the way, for the usage log and the UI. */
public record Provenance(String source, List<String> gates) {
    public static Provenance source(String name) {
        return new Provenance(name, List.of());
    }
}
