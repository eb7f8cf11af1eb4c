package dev.sluice.moderation;

import java.time.Instant;

/** One line of the moderation audit trail: requests, decisions by people and rules, refusals, dry-run verdicts. */
public record AuditEvent(Instant at, String gate, String project, String version, String action, String actor, String client,
        String detail) {}
