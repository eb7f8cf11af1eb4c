package dev.sluice.moderation;

import dev.sluice.util.Micros;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Requests, decisions, the audit trail and moderators, in the catalog (tables of V15). */
final class SqlModeration {
    private static final String REQUEST_COLUMNS = "id, gate, project, version, status, requested_by, requested_from,"
            + " requested_micros, decided_micros";
    private static final String DECISION_COLUMNS = "id, gate, project, kind, scope, action, reason, decided_by, decided_micros,"
            + " expires_micros";

    private final Jdbi jdbi;

    SqlModeration(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The open request for the item, or a new one with its audit event, in one transaction. */
    Request openRequest(Request candidate, AuditEvent event) {
        return jdbi.inTransaction(h -> {
            Optional<Request> open = h.createQuery("SELECT " + REQUEST_COLUMNS + " FROM moderation_request WHERE gate = :gate"
                    + " AND project = :project AND version = :version AND status = 'pending'").bind("gate", candidate.gate())
                    .bind("project", candidate.project()).bind("version", candidate.version()).map((rs, ctx) -> request(rs))
                    .findFirst();
            if (open.isPresent()) {
                return open.get();
            }
            h.createUpdate("INSERT INTO moderation_request (" + REQUEST_COLUMNS + ") VALUES (:id, :gate, :project, :version,"
                    + " 'pending', :by, :from, :at, NULL)").bind("id", candidate.id()).bind("gate", candidate.gate())
                    .bind("project", candidate.project()).bind("version", candidate.version()).bind("by", candidate.requestedBy())
                    .bind("from", candidate.requestedFrom()).bind("at", Micros.of(candidate.requested())).execute();
            insert(h, event);
            return candidate;
        });
    }

    /**
     * Keeps a decision, closes the pending requests it answers (of its project: all of them for a project decision,
     * those of the versions it covers otherwise), and records the event, in one transaction.
     *
     * @return the requests it closed
     */
    List<Request> decide(Decision d, List<Request> answered, AuditEvent event) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO moderation_decision (" + DECISION_COLUMNS + ") VALUES (:id, :gate, :project, :kind,"
                    + " :scope, :action, :reason, :by, :at, :expires)").bind("id", d.id()).bind("gate", d.gate())
                    .bind("project", d.project()).bind("kind", d.kind().label()).bind("scope", d.scope())
                    .bind("action", d.approve() ? "approve" : "deny").bind("reason", clip(d.reason())).bind("by", d.decidedBy())
                    .bind("at", Micros.of(d.decided())).bind("expires", d.expires() == null ? null : Micros.of(d.expires()))
                    .execute();
            for (Request r : answered) {
                h.createUpdate("UPDATE moderation_request SET status = :status, decided_micros = :at WHERE id = :id")
                        .bind("status", d.approve() ? Request.APPROVED : Request.DENIED).bind("at", Micros.of(d.decided()))
                        .bind("id", r.id()).execute();
            }
            insert(h, event);
            return answered;
        });
    }

    void record(AuditEvent event) {
        jdbi.useHandle(h -> insert(h, event));
    }

    List<Decision> decisions() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + DECISION_COLUMNS + " FROM moderation_decision ORDER BY decided_micros")
                .map((rs, ctx) -> decision(rs)).list());
    }

    List<Request> pendingOf(String gate, String project) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + REQUEST_COLUMNS + " FROM moderation_request WHERE gate = :gate"
                + " AND project = :project AND status = 'pending'").bind("gate", gate).bind("project", project)
                .map((rs, ctx) -> request(rs)).list());
    }

    /** Requests, newest first; of one status when given. */
    List<Request> requests(String status, int limit) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery("SELECT " + REQUEST_COLUMNS + " FROM moderation_request" + (status == null ? "" : " WHERE status = :s")
                    + " ORDER BY requested_micros DESC, id LIMIT :limit").bind("limit", limit);
            if (status != null) {
                q.bind("s", status);
            }
            return q.map((rs, ctx) -> request(rs)).list();
        });
    }

    Optional<Request> request(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + REQUEST_COLUMNS + " FROM moderation_request WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> request(rs)).findFirst());
    }

    /** Audit events from a time on, oldest first; of one action when given. */
    List<AuditEvent> events(Instant since, String action, String project, int limit) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery("SELECT at_micros, gate, project, version, action, actor, client, detail FROM moderation_event"
                    + " WHERE at_micros >= :since" + (action == null ? "" : " AND action = :action")
                    + (project == null ? "" : " AND project = :project") + " ORDER BY at_micros LIMIT :limit")
                    .bind("since", Micros.of(since)).bind("limit", limit);
            if (action != null) {
                q.bind("action", action);
            }
            if (project != null) {
                q.bind("project", project);
            }
            return q.map((rs, ctx) -> new AuditEvent(Micros.toInstant(rs.getLong(1)), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8))).list();
        });
    }

    void grant(String principal, boolean team, String route, Instant at) {
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM moderator WHERE principal = :p AND team = :t AND route = :r").bind("p", principal)
                    .bind("t", team).bind("r", route).execute();
            h.createUpdate("INSERT INTO moderator (principal, team, route, granted_micros) VALUES (:p, :t, :r, :at)")
                    .bind("p", principal).bind("t", team).bind("r", route).bind("at", Micros.of(at)).execute();
        });
    }

    record Grant(String principal, boolean team, String route) {}

    List<Grant> moderators() {
        return jdbi.withHandle(h -> h.createQuery("SELECT principal, team, route FROM moderator")
                .map((rs, ctx) -> new Grant(rs.getString(1), rs.getBoolean(2), rs.getString(3))).list());
    }

    private static void insert(Handle h, AuditEvent e) {
        h.createUpdate("INSERT INTO moderation_event (at_micros, gate, project, version, action, actor, client, detail)"
                + " VALUES (:at, :gate, :project, :version, :action, :actor, :client, :detail)").bind("at", Micros.of(e.at()))
                .bind("gate", e.gate()).bind("project", e.project()).bind("version", e.version()).bind("action", e.action())
                .bind("actor", e.actor()).bind("client", e.client()).bind("detail", clip(e.detail())).execute();
    }

    private static Request request(ResultSet rs) throws SQLException {
        long decided = rs.getLong("decided_micros");
        boolean open = rs.wasNull();
        return new Request(rs.getString("id"), rs.getString("gate"), rs.getString("project"), rs.getString("version"),
                rs.getString("status"), rs.getString("requested_by"), rs.getString("requested_from"),
                Micros.toInstant(rs.getLong("requested_micros")), open ? null : Micros.toInstant(decided));
    }

    private static Decision decision(ResultSet rs) throws SQLException {
        long expires = rs.getLong("expires_micros");
        boolean never = rs.wasNull();
        return new Decision(rs.getString("id"), rs.getString("gate"), rs.getString("project"),
                Decision.Kind.parse(rs.getString("kind")), rs.getString("scope"), "approve".equals(rs.getString("action")),
                rs.getString("reason"), rs.getString("decided_by"), Micros.toInstant(rs.getLong("decided_micros")),
                never ? null : Micros.toInstant(expires));
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }
}
