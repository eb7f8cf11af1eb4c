package dev.sluice.moderation;

import java.time.Instant;

/**
 * A request to let something in through a moderation gate: a project as a whole ({@code version} empty) or one version,
 * opened by the first client that asked for it, until a decision closes it.
 */
public record Request(String id, String gate, String project, String version, String status, String requestedBy,
        String requestedFrom, Instant requested, Instant decided) {
    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String DENIED = "denied";

    /** {@code demo 2.1} or {@code demo}. */
    public String item() {
        return version.isEmpty() ? project : project + " " + version;
    }
}
