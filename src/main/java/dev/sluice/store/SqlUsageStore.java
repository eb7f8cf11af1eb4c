package dev.sluice.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link UsageStore} in SQL (SQLite and PostgreSQL alike). */
public final class SqlUsageStore implements UsageStore {
    private static final String COLUMNS = "at_micros, kind, route, project, version, filename, identity, token_id,"
            + " client_address, installer, installer_version, python, os, cpu, ci, decision, detail, source, status, bytes,"
            + " duration_micros";

    private final Jdbi jdbi;

    public SqlUsageStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void append(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO usage_event (" + COLUMNS + ") VALUES (:at, :kind, :route, :project,"
                    + " :version, :filename, :identity, :token, :client, :installer, :installerVersion, :python, :os, :cpu, :ci,"
                    + " :decision, :detail, :source, :status, :bytes, :duration)");
            for (Event e : events) {
                batch.bind("at", SqlHostedCatalog.micros(e.at())).bind("kind", e.kind()).bind("route", e.route())
                        .bind("project", e.project()).bind("version", e.version()).bind("filename", clip(e.filename()))
                        .bind("identity", e.identity()).bind("token", e.tokenId()).bind("client", e.clientAddress())
                        .bind("installer", e.installer()).bind("installerVersion", e.installerVersion()).bind("python", e.python())
                        .bind("os", e.os()).bind("cpu", e.cpu()).bind("ci", e.ci()).bind("decision", e.decision())
                        .bind("detail", clip(e.detail())).bind("source", e.source()).bind("status", e.status())
                        .bind("bytes", e.bytes()).bind("duration", e.durationMicros()).add();
            }
            batch.execute();
        });
    }

    private static String clip(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }

    @Override
    public List<String> loggedVersions(String project) {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT version FROM usage_event WHERE project = :p AND version IS NOT NULL")
                .bind("p", project).mapTo(String.class).list());
    }

    @Override
    public List<Fetcher> whoFetched(String project, Collection<String> versions, Instant from, Instant to) {
        if (versions != null && versions.isEmpty()) {
            return List.of();
        }
        String versionFilter = versions == null ? "" : " AND version IN (<versions>)";
        return jdbi.withHandle(h -> {
            var q = h.createQuery("SELECT identity, client_address, installer, installer_version, COUNT(*), MIN(at_micros),"
                            + " MAX(at_micros) FROM usage_event WHERE project = :p" + versionFilter
                            + " AND at_micros >= :from AND at_micros < :to AND kind = 'file' AND decision = 'served'"
                            + " GROUP BY identity, client_address, installer, installer_version"
                            + " ORDER BY identity, client_address, installer, installer_version")
                    .bind("p", project).bind("from", SqlHostedCatalog.micros(from)).bind("to", SqlHostedCatalog.micros(to));
            if (versions != null) {
                q.bindList("versions", List.copyOf(versions));
            }
            return q.map((rs, ctx) -> new Fetcher(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                    instant(rs.getLong(6)), instant(rs.getLong(7)))).list();
        });
    }

    @Override
    public List<Count> downloadsPerDay(String project, Instant from, Instant to) {
        // Grouped here by day: date arithmetic differs between SQLite and PostgreSQL.
        Map<String, Long> counts = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT at_micros, version FROM usage_event WHERE project = :p AND at_micros >= :from"
                        + " AND at_micros < :to AND kind = 'file' AND decision = 'served'")
                .bind("p", project).bind("from", SqlHostedCatalog.micros(from)).bind("to", SqlHostedCatalog.micros(to))
                .map((rs, ctx) -> LocalDate.ofInstant(instant(rs.getLong(1)), ZoneOffset.UTC) + "\u0000" + rs.getString(2))
                .forEach(key -> counts.merge(key, 1L, Long::sum)));
        List<Count> out = new ArrayList<>();
        counts.forEach((key, n) -> out.add(new Count(key.split("\u0000")[0], key.split("\u0000", 2)[1], n)));
        return out;
    }

    @Override
    public List<Count> topProjects(Instant from, Instant to, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT project, COUNT(*) AS n FROM usage_event WHERE at_micros >= :from"
                        + " AND at_micros < :to AND kind = 'file' AND decision = 'served' GROUP BY project ORDER BY n DESC, project"
                        + " LIMIT :limit")
                .bind("from", SqlHostedCatalog.micros(from)).bind("to", SqlHostedCatalog.micros(to)).bind("limit", limit)
                .map((rs, ctx) -> new Count(rs.getString(1), null, rs.getLong(2))).list());
    }

    @Override
    public List<Count> refusals(Instant from, Instant to) {
        return jdbi.withHandle(h -> h.createQuery("SELECT route, detail, COUNT(*) AS n FROM usage_event WHERE at_micros >= :from"
                        + " AND at_micros < :to AND decision = 'refused' GROUP BY route, detail ORDER BY n DESC, route, detail")
                .bind("from", SqlHostedCatalog.micros(from)).bind("to", SqlHostedCatalog.micros(to))
                .map((rs, ctx) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3))).list());
    }

    @Override
    public void export(Instant from, Instant to, Consumer<Event> sink) {
        jdbi.useHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM usage_event WHERE at_micros >= :from AND at_micros < :to"
                        + " ORDER BY at_micros").bind("from", SqlHostedCatalog.micros(from)).bind("to", SqlHostedCatalog.micros(to))
                .setFetchSize(1_000).map((rs, ctx) -> event(rs)).forEach(sink));
    }

    private static Event event(ResultSet rs) throws SQLException {
        long bytes = rs.getLong(20);
        Long boxedBytes = rs.wasNull() ? null : bytes;
        boolean ci = rs.getBoolean(15);
        Boolean boxedCi = rs.wasNull() ? null : ci;
        return new Event(instant(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getString(14), boxedCi, rs.getString(16), rs.getString(17),
                rs.getString(18), rs.getInt(19), boxedBytes, rs.getLong(21));
    }

    @Override
    public long pruneBefore(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM usage_event WHERE at_micros < :before")
                .bind("before", SqlHostedCatalog.micros(before)).execute());
    }

    @Override
    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM usage_event").mapTo(Long.class).one());
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
