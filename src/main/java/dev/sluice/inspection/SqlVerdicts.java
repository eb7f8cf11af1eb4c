package dev.sluice.inspection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.util.Micros;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/** The verdicts and the audit trail of the inspection feature, in the catalog (tables of V14). */
final class SqlVerdicts {
    /** One line of the audit trail. */
    record Event(Instant at, String sha256, String filename, String action, String actor, String detail) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "sha256, project, filename, origin, verdict, reason, findings, rules_version,"
            + " inspected_micros, decision, decided_by, decision_reason, decided_micros";

    private final Jdbi jdbi;

    SqlVerdicts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Keeps a file's verdict and its audit event in one transaction. A verdict reached again keeps the admin's
     * decision when it is the same verdict; a different one clears it (the decision was about other findings).
     */
    void save(StoredVerdict v, Event event) {
        jdbi.useTransaction(h -> {
            StoredVerdict before = h.createQuery("SELECT " + COLUMNS + " FROM inspection_verdict WHERE sha256 = :sha256")
                    .bind("sha256", v.sha256()).map((rs, ctx) -> read(rs)).findOne().orElse(null);
            boolean keepDecision = before != null && before.verdict() == v.verdict();
            h.createUpdate("DELETE FROM inspection_verdict WHERE sha256 = :sha256").bind("sha256", v.sha256()).execute();
            StoredVerdict.Decision d = keepDecision ? before.decision() : null;
            h.createUpdate("INSERT INTO inspection_verdict (" + COLUMNS + ") VALUES (:sha256, :project, :filename, :origin,"
                    + " :verdict, :reason, :findings, :rulesVersion, :inspected, :decision, :decidedBy, :decisionReason, :decided)")
                    .bind("sha256", v.sha256()).bind("project", v.project()).bind("filename", v.filename())
                    .bind("origin", v.origin()).bind("verdict", v.verdict().label()).bind("reason", clip(v.reason()))
                    .bind("findings", json(v.findings())).bind("rulesVersion", v.rulesVersion())
                    .bind("inspected", Micros.of(v.inspected())).bind("decision", d == null ? null : d.action())
                    .bind("decidedBy", d == null ? null : d.by()).bind("decisionReason", d == null ? null : d.reason())
                    .bind("decided", d == null ? null : Micros.of(d.at())).execute();
            insert(h, event);
        });
    }

    /** Records an admin's decision and its audit event in one transaction. */
    void decide(String sha256, StoredVerdict.Decision decision, Event event) {
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE inspection_verdict SET decision = :decision, decided_by = :by, decision_reason = :reason,"
                    + " decided_micros = :at WHERE sha256 = :sha256").bind("decision", decision.action())
                    .bind("by", decision.by()).bind("reason", clip(decision.reason())).bind("at", Micros.of(decision.at()))
                    .bind("sha256", sha256).execute();
            insert(h, event);
        });
    }

    StoredVerdict find(String sha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM inspection_verdict WHERE sha256 = :sha256")
                .bind("sha256", sha256).map((rs, ctx) -> read(rs)).findOne().orElse(null));
    }

    /** The verdicts whose sha256 starts with the prefix (a short id), at most two: more than one is ambiguous. */
    List<StoredVerdict> byPrefix(String prefix) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM inspection_verdict WHERE sha256 >= :from"
                + " AND sha256 < :to ORDER BY sha256 LIMIT 2").bind("from", prefix).bind("to", prefix + "g")
                .map((rs, ctx) -> read(rs)).list());
    }

    /** Flagged files (not clean), newest first; of one project and one verdict when given. */
    List<StoredVerdict> list(String project, Verdict verdict, int limit) {
        String where = " WHERE verdict <> 'clean'" + (project == null ? "" : " AND project = :project")
                + (verdict == null ? "" : " AND verdict = :verdict");
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT " + COLUMNS + " FROM inspection_verdict" + where
                    + " ORDER BY inspected_micros DESC, sha256 LIMIT :limit").bind("limit", limit);
            if (project != null) {
                query.bind("project", project);
            }
            if (verdict != null) {
                query.bind("verdict", verdict.label());
            }
            return query.map((rs, ctx) -> read(rs)).list();
        });
    }

    /** Every flagged file, for the quarantine held in memory. */
    void forEachFlagged(Consumer<StoredVerdict> each) {
        jdbi.useHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM inspection_verdict WHERE verdict <> 'clean'")
                .map((rs, ctx) -> read(rs)).forEach(each));
    }

    /** The rules version each file was last judged by, for {@code inspect --all} to skip what is current. */
    Integer rulesVersion(String sha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT rules_version FROM inspection_verdict WHERE sha256 = :sha256")
                .bind("sha256", sha256).mapTo(Integer.class).findOne().orElse(null));
    }

    List<Event> events(String sha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT at_micros, sha256, filename, action, actor, detail FROM inspection_event"
                + " WHERE sha256 = :sha256 ORDER BY at_micros").bind("sha256", sha256)
                .map((rs, ctx) -> new Event(Micros.toInstant(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6))).list());
    }

    private static void insert(org.jdbi.v3.core.Handle h, Event e) {
        h.createUpdate("INSERT INTO inspection_event (at_micros, sha256, filename, action, actor, detail) VALUES (:at,"
                + " :sha256, :filename, :action, :actor, :detail)").bind("at", Micros.of(e.at())).bind("sha256", e.sha256())
                .bind("filename", e.filename()).bind("action", e.action()).bind("actor", e.actor())
                .bind("detail", clip(e.detail())).execute();
    }

    private static StoredVerdict read(ResultSet rs) throws SQLException {
        String decision = rs.getString("decision");
        long decided = rs.getLong("decided_micros");
        return new StoredVerdict(rs.getString("sha256"), rs.getString("project"), rs.getString("filename"),
                rs.getString("origin"), Verdict.parse(rs.getString("verdict")), rs.getString("reason"),
                findings(rs.getString("findings")), rs.getInt("rules_version"), Micros.toInstant(rs.getLong("inspected_micros")),
                decision == null ? null : new StoredVerdict.Decision(decision, rs.getString("decided_by"),
                        rs.getString("decision_reason"), Micros.toInstant(decided)));
    }

    private static String json(List<Finding> findings) {
        try {
            return JSON.writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Finding> findings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Finding>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored finding cannot be read: " + e.getMessage(), e);
        }
    }

    /** Columns hold at most 1,000 characters of text for people; the findings JSON keeps every detail. */
    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }
}
