package dev.sluice.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which source answered and which gates acted on the way, for the usage log, the UI and the page itself:
 * when the answer is an old copy because the source could not be asked, why ({@code staleReason}, else null);
 * and the files gates held back, with why and until when.
 */
public record Provenance(String source, List<String> gates, String staleReason, List<Hidden> hidden) {
    /** A file a gate held back from the page. {@code until} is null when it will not come back by itself. */
    public record Hidden(String filename, String gate, String reason, Instant until) {}

    public static Provenance source(String name) {
        return new Provenance(name, List.of(), null, List.of());
    }

    public Provenance stale(String reason) {
        return new Provenance(source, gates, reason, hidden);
    }

    public Provenance withGate(String gate) {
        List<String> more = new ArrayList<>(gates);
        more.add(gate);
        return new Provenance(source, List.copyOf(more), staleReason, hidden);
    }

    public Provenance withHidden(List<Hidden> files) {
        List<Hidden> more = new ArrayList<>(hidden);
        more.addAll(files);
        return new Provenance(source, gates, staleReason, List.copyOf(more));
    }
}
