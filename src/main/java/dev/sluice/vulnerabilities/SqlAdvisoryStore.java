package dev.sluice.vulnerabilities;

import dev.sluice.util.Micros;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The advisories and the imports, in the catalog (tables of V12). */
final class SqlAdvisoryStore {
    /** What an import compares a record with: the one stored under its id. */
    record Stored(long modifiedMicros, boolean withdrawn) {}

    /** An import as {@code status} shows it. */
    record ImportRow(Instant finished, String source, String etag, String lastModified, int read, int added, int updated,
            int withdrawn, int skipped, long durationMicros) {}

    record Counts(long records, long withdrawn, long malicious, long projects) {}

    private final Jdbi jdbi;

    SqlAdvisoryStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs an import's writes in one transaction: all of them, or (on any failure) none. */
    <X extends Exception> void inTransaction(TransactionWork<X> work) throws X {
        jdbi.inTransaction(h -> {
            work.run(new Writer(h));
            return null;
        });
    }

    @FunctionalInterface
    interface TransactionWork<X extends Exception> {
        void run(Writer writer) throws X;
    }

    /** The writes of one import; records are written in batches. */
    static final class Writer {
        private static final int BATCH = 500;
        private final Handle handle;
        /** By id: a record read twice in one import is written once, the later put winning. */
        private final Map<String, OsvRecord> pending = new java.util.LinkedHashMap<>();

        Writer(Handle handle) {
            this.handle = handle;
        }

        /** Adds or replaces the record (flushed in batches, and by {@link #flush}). */
        void put(OsvRecord record) {
            pending.put(record.id(), record);
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<String> ids = List.copyOf(pending.keySet());
            handle.createUpdate("DELETE FROM vulnerability_record WHERE id IN (<ids>)").bindList("ids", ids).execute();
            handle.createUpdate("DELETE FROM vulnerability_project WHERE record_id IN (<ids>)").bindList("ids", ids).execute();
            PreparedBatch records = handle.prepareBatch("INSERT INTO vulnerability_record (id, modified_micros,"
                    + " withdrawn_micros, malicious, record) VALUES (:id, :m, :w, :mal, :r)");
            PreparedBatch projects = handle.prepareBatch("INSERT INTO vulnerability_project (project, record_id)"
                    + " VALUES (:p, :id) ON CONFLICT DO NOTHING");
            for (OsvRecord r : pending.values()) {
                records.bind("id", r.id()).bind("m", Micros.of(r.modified()))
                        .bind("w", r.withdrawn() == null ? null : Micros.of(r.withdrawn())).bind("mal", r.malicious())
                        .bind("r", r.json()).add();
                r.affected().stream().map(a -> a.project().value()).distinct()
                        .forEach(p -> projects.bind("p", p).bind("id", r.id()).add());
            }
            records.execute();
            if (projects.size() > 0) {
                projects.execute();
            }
            pending.clear();
        }

        void recordImport(ImportRow row) {
            flush();
            handle.createUpdate("INSERT INTO vulnerability_import (finished_micros, source, etag, last_modified, records_read,"
                            + " added, updated, withdrawn, skipped, duration_micros) VALUES (:f, :s, :e, :l, :r, :a, :u, :w, :k, :d)")
                    .bind("f", Micros.of(row.finished())).bind("s", row.source()).bind("e", row.etag())
                    .bind("l", row.lastModified()).bind("r", row.read()).bind("a", row.added()).bind("u", row.updated())
                    .bind("w", row.withdrawn()).bind("k", row.skipped()).bind("d", row.durationMicros()).execute();
        }
    }

    /** Every stored record's modification time, by id. */
    Map<String, Stored> stored() {
        Map<String, Stored> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT id, modified_micros, withdrawn_micros FROM vulnerability_record")
                .map((rs, ctx) -> {
                    rs.getLong(3);
                    boolean withdrawn = !rs.wasNull();
                    return out.put(rs.getString(1), new Stored(rs.getLong(2), withdrawn));
                }).forEach(x -> {}));
        return out;
    }

    /** Every record in force (not withdrawn), handed over one by one as JSON. */
    void forEachInForce(Consumer<String> json) {
        jdbi.useHandle(h -> h.createQuery("SELECT record FROM vulnerability_record WHERE withdrawn_micros IS NULL")
                .setFetchSize(500).mapTo(String.class).forEach(json));
    }

    /** The records of these ids (withdrawn ones too), as JSON by id. */
    Map<String, String> json(Collection<String> ids) {
        Map<String, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT id, record FROM vulnerability_record WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids)).map((rs, ctx) -> out.put(rs.getString(1), rs.getString(2))).forEach(x -> {}));
        return out;
    }

    /** When the records of these ids were last modified, by id (the OSV API's batch answers name it). */
    Map<String, Instant> modified(Collection<String> ids) {
        Map<String, Instant> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT id, modified_micros FROM vulnerability_record WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> out.put(rs.getString(1), Micros.toInstant(rs.getLong(2)))).forEach(x -> {}));
        return out;
    }

    /** The last import of a source (for its conditional GET), or of any source when null. */
    ImportRow lastImport(String source) {
        return jdbi.withHandle(h -> h.createQuery("SELECT finished_micros, source, etag, last_modified, records_read, added,"
                        + " updated, withdrawn, skipped, duration_micros FROM vulnerability_import"
                        + " WHERE source = :s OR :any ORDER BY finished_micros DESC LIMIT 1")
                .bind("s", source).bind("any", source == null)
                .map((rs, ctx) -> new ImportRow(Micros.toInstant(rs.getLong(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getLong(10)))
                .findFirst().orElse(null));
    }

    Counts counts() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*), COUNT(withdrawn_micros),"
                        + " COALESCE(SUM(CASE WHEN malicious THEN 1 ELSE 0 END), 0),"
                        + " (SELECT COUNT(DISTINCT project) FROM vulnerability_project) FROM vulnerability_record")
                .map((rs, ctx) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).one());
    }
}
