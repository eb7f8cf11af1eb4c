package dev.sluice.usage;

import dev.sluice.util.Micros;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/** {@link UsageStore} in SQL (SQLite and PostgreSQL alike). */
public final class SqlUsageStore implements UsageStore {
    private static final String COLUMNS = "at_micros, kind, route, project, version, filename, identity, token_id,"
            + " client_address, installer, installer_version, python, os, cpu, ci, decision, detail, source, status, bytes,"
            + " duration_micros, gates, request_id";

    /** The client an event's User-Agent named. */
    private record Client(String installer, String installerVersion, String python, String os, String cpu, Boolean ci) {
        List<Object> values() {
            return Arrays.asList(installer, installerVersion, python, os, cpu, ci);
        }
    }

    /** How a request was answered, apart from what varies with each request. */
    private record Answer(String route, String source, String gates, int status) {
        List<Object> values() {
            return Arrays.asList(route, source, gates, status);
        }
    }

    private static final String REQUEST_COLUMNS = "at_micros, kind, decision, answer_id, client_id, project, version, filename,"
            + " identity, token_id, client_address, detail, bytes, duration_micros, request_id";
    private static final int REQUEST_COLUMN_COUNT = REQUEST_COLUMNS.split(",").length;
    /** Rows per INSERT statement: fewer statements to run, within every database's limit on parameters. */
    private static final int ROWS_PER_INSERT = 32;
    private static final String INSERT_FULL = insertRows(ROWS_PER_INSERT);

    private final Jdbi jdbi;
    private final UsageDictionary<Client> clients =
            new UsageDictionary<>("usage_client", "installer, installer_version, python, os, cpu, ci", Client::values);
    private final UsageDictionary<Answer> answers =
            new UsageDictionary<>("usage_answer", "route, source, gates, status", Answer::values);

    public SqlUsageStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Plain JDBC with positional parameters: the writer appends thousands of rows a second under load, and
     * binding named parameters through JDBI cost several times the insert itself. The values that repeat from
     * row to row are named by id (UsageDictionary): a row binds 15 values instead of 23.
     */
    @Override
    public void append(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<Client, Long> newClients = new HashMap<>();
        Map<Answer, Long> newAnswers = new HashMap<>();
        jdbi.useTransaction(h -> {
            Connection connection = h.getConnection();
            try (PreparedStatement full = connection.prepareStatement(INSERT_FULL)) {
                for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
                    List<Event> rows = events.subList(from, Math.min(events.size(), from + ROWS_PER_INSERT));
                    if (rows.size() == ROWS_PER_INSERT) {
                        insert(full, rows, newClients, newAnswers);
                    } else {
                        try (PreparedStatement rest = connection.prepareStatement(insertRows(rows.size()))) {
                            insert(rest, rows, newClients, newAnswers);
                        }
                    }
                }
                clients.write(connection, newClients);
                answers.write(connection, newAnswers);
            } catch (SQLException e) {
                throw new IllegalStateException("appending " + events.size() + " usage events failed: " + e.getMessage(), e);
            }
        });
        clients.committed(newClients);
        answers.committed(newAnswers);
    }

    /** An INSERT of {@code rows} rows at once: SQLite then opens the table and its index once for all of them. */
    private static String insertRows(int rows) {
        return "INSERT INTO usage_request (" + REQUEST_COLUMNS + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, "(?" + ", ?".repeat(REQUEST_COLUMN_COUNT - 1) + ")"));
    }

    private void insert(PreparedStatement insert, List<Event> rows, Map<Client, Long> newClients,
            Map<Answer, Long> newAnswers) throws SQLException {
        int at = 0;
        for (Event e : rows) {
            insert.setLong(at + 1, Micros.of(e.at()));
            insert.setString(at + 2, e.kind());
            insert.setString(at + 3, e.decision());
            insert.setLong(at + 4, answers.id(new Answer(e.route(), e.source(), e.gates(), e.status()), newAnswers));
            insert.setLong(at + 5, clients.id(new Client(e.installer(), e.installerVersion(), e.python(), e.os(), e.cpu(),
                    e.ci()), newClients));
            insert.setString(at + 6, e.project());
            insert.setString(at + 7, e.version());
            insert.setString(at + 8, clip(e.filename()));
            insert.setString(at + 9, e.identity());
            insert.setString(at + 10, e.tokenId());
            insert.setString(at + 11, e.clientAddress());
            insert.setString(at + 12, clip(e.detail()));
            if (e.bytes() == null) {
                insert.setNull(at + 13, Types.BIGINT);
            } else {
                insert.setLong(at + 13, e.bytes());
            }
            insert.setLong(at + 14, e.durationMicros());
            insert.setString(at + 15, e.requestId());
            at += REQUEST_COLUMN_COUNT;
        }
        insert.executeUpdate();
    }

    private static String clip(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }

    @Override
    public List<String> loggedVersions(String project) {
        // From the downloads index alone (the view would join every row to its dictionaries).
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT version FROM usage_request WHERE project = :p"
                        + " AND version IS NOT NULL AND kind = 'file' AND decision = 'downloaded'")
                .bind("p", project).mapTo(String.class).list());
    }

    @Override
    public List<Usage.Fetcher> whoFetched(String project, Collection<String> versions, Instant from, Instant to) {
        if (versions != null && versions.isEmpty()) {
            return List.of();
        }
        String versionFilter = versions == null ? "" : " AND version IN (<versions>)";
        return jdbi.withHandle(h -> {
            // Grouped by the client's id within the downloads index (it carries the downloader), then joined to the
            // client: grouping through the view would read every row from the table.
            var q = h.createQuery("SELECT d.identity, d.client_address, c.installer, c.installer_version, c.python, d.n, d.first,"
                            + " d.last FROM (SELECT identity, client_address, client_id, COUNT(*) AS n, MIN(at_micros) AS first,"
                            + " MAX(at_micros) AS last FROM usage_request WHERE project = :p" + versionFilter
                            + " AND at_micros >= :from AND at_micros < :to AND kind = 'file' AND decision = 'downloaded'"
                            + " GROUP BY identity, client_address, client_id) d LEFT JOIN usage_client c ON c.id = d.client_id"
                            + " ORDER BY d.identity, d.client_address, c.installer, c.installer_version, c.python")
                    .bind("p", project).bind("from", Micros.of(from)).bind("to", Micros.of(to));
            if (versions != null) {
                q.bindList("versions", List.copyOf(versions));
            }
            // Clients that differ only in what the answer does not show (the OS, the CPU) make one row.
            Map<List<String>, Usage.Fetcher> merged = new java.util.LinkedHashMap<>();
            q.map((rs, ctx) -> new Usage.Fetcher(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getLong(6), Micros.toInstant(rs.getLong(7)), Micros.toInstant(rs.getLong(8))))
                    .forEach(f -> merged.merge(Arrays.asList(f.identity(), f.clientAddress(), f.installer(),
                            f.installerVersion(), f.python()), f, (a, b) -> new Usage.Fetcher(a.identity(), a.clientAddress(),
                            a.installer(), a.installerVersion(), a.python(), a.downloads() + b.downloads(),
                            a.first().isBefore(b.first()) ? a.first() : b.first(), a.last().isAfter(b.last()) ? a.last() : b.last())));
            return List.copyOf(merged.values());
        });
    }

    @Override
    public List<Usage.Count> downloadsByVersion(Collection<String> projects, Instant from, Instant to) {
        List<Usage.Count> out = new ArrayList<>();
        List<String> all = List.copyOf(projects);
        // In slices: each is a few index seeks (project, version, time), however long the log.
        for (int i = 0; i < all.size(); i += 500) {
            List<String> slice = all.subList(i, Math.min(all.size(), i + 500));
            jdbi.useHandle(h -> h.createQuery("SELECT project, version, COUNT(*) FROM usage_request WHERE project IN (<p>)"
                            + " AND kind = 'file' AND decision = 'downloaded' AND at_micros >= :from AND at_micros < :to"
                            + " GROUP BY project, version")
                    .bindList("p", slice).bind("from", Micros.of(from)).bind("to", Micros.of(to))
                    .map((rs, ctx) -> new Usage.Count(rs.getString(1), rs.getString(2), rs.getLong(3))).forEach(out::add));
        }
        return out;
    }

    @Override
    public List<Usage.Count> downloadsPerDay(String project, Instant from, Instant to) {
        // Grouped here by day: date arithmetic differs between SQLite and PostgreSQL.
        Map<String, Long> counts = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT at_micros, version FROM usage_event WHERE project = :p AND at_micros >= :from"
                        + " AND at_micros < :to AND kind = 'file' AND decision = 'downloaded'")
                .bind("p", project).bind("from", Micros.of(from)).bind("to", Micros.of(to))
                .map((rs, ctx) -> LocalDate.ofInstant(Micros.toInstant(rs.getLong(1)), ZoneOffset.UTC) + "\u0000" + rs.getString(2))
                .forEach(key -> counts.merge(key, 1L, Long::sum)));
        List<Usage.Count> out = new ArrayList<>();
        counts.forEach((key, n) -> out.add(new Usage.Count(key.split("\u0000")[0], key.split("\u0000", 2)[1], n)));
        return out;
    }

    @Override
    public List<Usage.Count> topProjects(Instant from, Instant to, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT project, COUNT(*) AS n FROM usage_event WHERE at_micros >= :from"
                        + " AND at_micros < :to AND kind = 'file' AND decision = 'downloaded' GROUP BY project ORDER BY n DESC, project"
                        + " LIMIT :limit")
                .bind("from", Micros.of(from)).bind("to", Micros.of(to)).bind("limit", limit)
                .map((rs, ctx) -> new Usage.Count(rs.getString(1), null, rs.getLong(2))).list());
    }

    @Override
    public List<Usage.Count> refusals(Instant from, Instant to) {
        return jdbi.withHandle(h -> h.createQuery("SELECT gates, detail, COUNT(*) AS n FROM usage_event WHERE at_micros >= :from"
                        + " AND at_micros < :to AND decision IN ('refused', 'rejected')"
                        + " GROUP BY gates, detail ORDER BY n DESC, gates, detail")
                .bind("from", Micros.of(from)).bind("to", Micros.of(to))
                .map((rs, ctx) -> new Usage.Count(rs.getString(1), rs.getString(2), rs.getLong(3))).list());
    }

    @Override
    public void export(Instant from, Instant to, Consumer<Event> sink) {
        jdbi.useHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM usage_event WHERE at_micros >= :from AND at_micros < :to"
                        + " ORDER BY at_micros").bind("from", Micros.of(from)).bind("to", Micros.of(to))
                .setFetchSize(1_000).map((rs, ctx) -> event(rs)).forEach(sink));
    }

    private static Event event(ResultSet rs) throws SQLException {
        long bytes = rs.getLong(20);
        Long boxedBytes = rs.wasNull() ? null : bytes;
        boolean ci = rs.getBoolean(15);
        Boolean boxedCi = rs.wasNull() ? null : ci;
        return new Event(Micros.toInstant(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getString(14), boxedCi, rs.getString(16), rs.getString(17),
                rs.getString(18), rs.getString(22), rs.getInt(19), boxedBytes, rs.getLong(21), rs.getString(23));
    }

    @Override
    public long pruneBefore(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM usage_request WHERE at_micros < :before")
                .bind("before", Micros.of(before)).execute());
    }

    @Override
    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM usage_request").mapTo(Long.class).one());
    }

}
