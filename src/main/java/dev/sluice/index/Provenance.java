package dev.sluice.index;

import dev.sluice.util.HashKeepingList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which source answered and which gates acted on the way, for the usage log, the UI and the page itself:
 * when the answer is an old copy because the source could not be asked, why ({@code staleReason}, else null);
 * the files gates held back, with why and until when; and the files a gate let through with a warning attached.
 */
public record Provenance(String source, List<String> gates, String staleReason, List<Hidden> hidden, List<Flagged> flagged) {
    /** A file a gate held back from the page. {@code until} is null when it will not come back by itself. */
    public record Hidden(String filename, String gate, String reason, Instant until) {}

    /**
     * A file left on the page with something tools should know: what is known against it ({@code kind}: advisories
     * affecting it, or findings of the inspection), and what the gate does about it (for advisories {@code refuse}: the
     * file itself is refused; {@code annotate}: nothing; {@code allowed}: an exception; for findings the verdict).
     */
    public record Flagged(String filename, String gate, String action, Kind kind, List<String> evidence) {
        /** What a flag is about; each is listed under its own private key of the JSON page. */
        public enum Kind {
            ADVISORIES("_vulnerabilities", "advisories"), FINDINGS("_findings", "findings");

            /** The page's private key ({@code _vulnerabilities}) and the key of each file's list ({@code advisories}). */
            public final String pageKey;
            public final String listKey;

            Kind(String pageKey, String listKey) {
                this.pageKey = pageKey;
                this.listKey = listKey;
            }
        }
    }

    public Provenance(String source, List<String> gates, String staleReason, List<Hidden> hidden) {
        this(source, gates, staleReason, hidden, List.of());
    }

    public static Provenance source(String name) {
        return new Provenance(name, List.of(), null, List.of());
    }

    public Provenance stale(String reason) {
        return new Provenance(source, gates, reason, hidden, flagged);
    }

    public Provenance withGate(String gate) {
        List<String> more = new ArrayList<>(gates);
        more.add(gate);
        return new Provenance(source, List.copyOf(more), staleReason, hidden, flagged);
    }

    public Provenance withHidden(List<Hidden> files) {
        List<Hidden> more = new ArrayList<>(hidden);
        more.addAll(files);
        return new Provenance(source, gates, staleReason, HashKeepingList.copyOf(more), flagged);
    }

    public Provenance withFlagged(List<Flagged> files) {
        List<Flagged> more = new ArrayList<>(flagged);
        more.addAll(files);
        return new Provenance(source, gates, staleReason, hidden, HashKeepingList.copyOf(more));
    }
}
