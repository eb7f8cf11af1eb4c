package dev.sluice.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/** {@link UsageStore} in SQL (SQLite and PostgreSQL alike). */
public final class SqlUsageStore implements UsageStore {
    private static final String COLUMNS = "at_micros, kind, route, project, version, filename, identity, token_id,"
            + " client_address, installer, installer_version, python, os, cpu, ci, decision, detail, source, status, bytes,"
            + " duration_micros, gates";

    private final Jdbi jdbi;

    public SqlUsageStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Plain JDBC with positional parameters: the writer appends thousands of rows a second under load, and
     * binding 22 named parameters per row through JDBI cost several times the insert itself.
     */
    @Override
    public void append(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            try (PreparedStatement insert = h.getConnection().prepareStatement("INSERT INTO usage_event (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Event e : events) {
                    insert.setLong(1, SqlHostedCatalog.micros(e.at()));
                    insert.setString(2, e.kind());
                    insert.setString(3, e.route());
                    insert.setString(4, e.project());
                    insert.setString(5, e.version());
                    insert.setString(6, clip(e.filename()));
                    insert.setString(7, e.identity());
                    insert.setString(8, e.tokenId());
                    insert.setString(9, e.clientAddress());
                    insert.setString(10, e.installer());
                    insert.setString(11, e.installerVersion());
                    insert.setString(12, e.python());
                    insert.setString(13, e.os());
                    insert.setString(14, e.cpu());
                    if (e.ci() == null) {
                        insert.setNull(15, Types.BOOLEAN);
                    } else {
                        insert.setBoolean(15, e.ci());
                    }
                    insert.setString(16, e.decision());
                    insert.setString(17, clip(e.detail()));
                    insert.setString(18, e.source());
                    insert.setInt(19, e.status());
                    if (e.bytes() == null) {
                        insert.setNull(20, Types.BIGINT);
                    } else {
                        insert.setLong(20, e.bytes());
                    }
                    insert.setLong(21, e.durationMicros());
                    insert.setString(22, e.gates());
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException("appending " + events.size() + " usage events failed: " + e.getMessage(), e);
            }
        });
    }

    private static String clip(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }

    @Override
    public List<String> loggedVersions(String project) {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT version FROM usage_event WHERE project = :p"
                        + " AND version IS NOT NULL AND kind = 'file' AND decision = 'served'")
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
                    SqlHostedCatalog.instant(rs.getLong(6)), SqlHostedCatalog.instant(rs.getLong(7)))).list();
        });
    }

    @Override
    public List<Count> downloadsPerDay(String project, Instant from, Instant to) {
        // Grouped here by day: date arithmetic differs between SQLite and PostgreSQL.
        Map<String, Long> counts = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT at_micros, version FROM usage_event WHERE project = :p AND at_micros >= :from"
                        + " AND at_micros < :to AND kind = 'file' AND decision = 'served'")
                .bind("p", project).bind("from", SqlHostedCatalog.micros(from)).bind("to", SqlHostedCatalog.micros(to))
                .map((rs, ctx) -> LocalDate.ofInstant(SqlHostedCatalog.instant(rs.getLong(1)), ZoneOffset.UTC) + "\u0000" + rs.getString(2))
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
        return jdbi.withHandle(h -> h.createQuery("SELECT gates, detail, COUNT(*) AS n FROM usage_event WHERE at_micros >= :from"
                        + " AND at_micros < :to AND decision = 'refused' GROUP BY gates, detail ORDER BY n DESC, gates, detail")
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
        return new Event(SqlHostedCatalog.instant(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getString(14), boxedCi, rs.getString(16), rs.getString(17),
                rs.getString(18), rs.getString(22), rs.getInt(19), boxedBytes, rs.getLong(21));
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

}
