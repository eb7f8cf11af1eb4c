package dev.sluice.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Copies every row of one catalog into another of the same schema version, whatever their engines (SQLite to
 * PostgreSQL and back): table by table in the order their foreign keys need, knowing no feature's tables. A table with
 * a primary key gets the rows it lacks and the old values of rows that differ (an interrupted run resumes, a second
 * run writes nothing); one without (the append-only logs) is copied again whole in one transaction unless it has as
 * many rows already. Counts are compared afterwards.
 */
final class CatalogCopy {
    private static final int BATCH = 1_000;
    /** The tables SQLite keeps a full-text table in (its "shadow tables"), named after it. */
    private static final List<String> SHADOW_SUFFIXES = List.of("_data", "_idx", "_content", "_docsize", "_config");

    /** What one table's copy did. */
    record TableReport(String table, long sourceRows, long copied, boolean alreadyThere) {}

    private CatalogCopy() {}

    static List<TableReport> copy(Database from, Database to, Consumer<String> progress) throws SQLException {
        try (org.jdbi.v3.core.Handle sourceHandle = from.jdbi().open(); org.jdbi.v3.core.Handle targetHandle = to.jdbi().open()) {
            Connection source = sourceHandle.getConnection();
            Connection target = targetHandle.getConnection();
            if (from.engine() == Database.Engine.POSTGRESQL) {
                // PostgreSQL's driver streams a result by its fetch size only inside a transaction; else it reads the
                // whole table (a usage log of millions of rows) into memory first.
                source.setAutoCommit(false);
            }
            try {
                List<String> tables = tablesInDependencyOrder(source, target);
                List<TableReport> reports = new ArrayList<>();
                for (String table : tables) {
                    TableReport report = copyTable(source, target, table, to.engine());
                    progress.accept(report.alreadyThere() ? table + ": " + report.sourceRows() + " rows already there"
                            : table + ": " + report.copied() + " of " + report.sourceRows() + " rows copied");
                    reports.add(report);
                }
                if (to.engine() == Database.Engine.POSTGRESQL) {
                    advanceSequences(target);
                }
                return reports;
            } finally {
                if (!source.getAutoCommit()) {
                    source.rollback(); // it only read
                    source.setAutoCommit(true);
                }
            }
        }
    }

    /** Tables both catalogs have, parents before the tables whose foreign keys point at them. */
    private static List<String> tablesInDependencyOrder(Connection source, Connection target) throws SQLException {
        Set<String> inSource = tables(source);
        Set<String> inTarget = tables(target);
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (String table : inSource) {
            if (!inTarget.contains(table)) {
                continue;
            }
            Set<String> references = new LinkedHashSet<>();
            try (ResultSet keys = target.getMetaData().getImportedKeys(null, null, table)) {
                while (keys.next()) {
                    references.add(keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
            references.remove(table);
            parents.put(table, references);
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < parents.size()) {
            boolean progressed = false;
            for (var entry : parents.entrySet()) {
                if (!ordered.contains(entry.getKey()) && ordered.containsAll(
                        entry.getValue().stream().filter(parents::containsKey).toList())) {
                    ordered.add(entry.getKey());
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new SQLException("the catalog's foreign keys form a cycle among " + parents.keySet());
            }
        }
        return ordered;
    }

    /** The tables holding the catalog's contents: not the migration history, nor the internals of SQLite's. */
    private static Set<String> tables(Connection connection) throws SQLException {
        Set<String> names = new java.util.TreeSet<>();
        DatabaseMetaData meta = connection.getMetaData();
        if (meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
            try (ResultSet rows = meta.getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    names.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        } else {
            Set<String> virtual = new java.util.HashSet<>();
            try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(
                    "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (rows.next()) {
                    names.add(rows.getString(1).toLowerCase(Locale.ROOT));
                    if (rows.getBoolean(2)) {
                        virtual.add(rows.getString(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
            virtual.forEach(v -> SHADOW_SUFFIXES.forEach(suffix -> names.remove(v + suffix)));
        }
        names.remove(SchemaMigrations.HISTORY);
        return names;
    }

    private static TableReport copyTable(Connection source, Connection target, String table, Database.Engine targetEngine)
            throws SQLException {
        long sourceRows = count(source, table);
        List<String> key = primaryKey(target, table);
        if (key.isEmpty() && sourceRows == count(target, table)) {
            return new TableReport(table, sourceRows, 0, true); // an append-only log copied before
        }
        Map<String, Integer> columns = writableColumns(target, table, targetEngine);
        boolean keyed = !key.isEmpty();
        String names = String.join(", ", columns.keySet());
        String insert = "INSERT INTO " + table + " (" + names + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")" + (keyed ? onConflict(table, key, columns.keySet()) : "");
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        long copied = 0;
        try {
            if (!keyed) {
                // No key to tell which rows are there: the whole table again, in this one transaction.
                try (Statement clear = target.createStatement()) {
                    clear.executeUpdate("DELETE FROM " + table);
                }
            }
            try (Statement read = source.createStatement(); PreparedStatement write = target.prepareStatement(insert)) {
                read.setFetchSize(BATCH);
                try (ResultSet rows = read.executeQuery("SELECT " + names + " FROM " + table)) {
                    int pending = 0;
                    while (rows.next()) {
                        int i = 1;
                        for (var column : columns.entrySet()) {
                            write.setObject(i, converted(rows.getObject(i), column.getValue()));
                            i++;
                        }
                        write.addBatch();
                        if (++pending == BATCH) {
                            copied += sum(write.executeBatch());
                            pending = 0;
                            if (keyed) {
                                target.commit(); // an interrupted copy keeps what it wrote, and resumes from there
                            }
                        }
                    }
                    if (pending > 0) {
                        copied += sum(write.executeBatch());
                    }
                }
            }
            target.commit();
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(autoCommit);
        }
        long after = count(target, table);
        if (after != sourceRows) {
            throw new SQLException("after copying " + table + " the new catalog has " + after + " rows, the old one " + sourceRows);
        }
        return new TableReport(table, sourceRows, copied, keyed && copied == 0);
    }

    /**
     * A row whose key the target holds takes the old catalog's values where they differ (a row the new catalog's
     * migrations made, such as the serial counter, must not keep its fresh value); an equal row is left alone, so
     * that a second run writes nothing.
     */
    private static String onConflict(String table, List<String> key, java.util.Collection<String> columns) {
        List<String> others = columns.stream().filter(c -> !key.contains(c)).toList();
        if (others.isEmpty()) {
            return " ON CONFLICT DO NOTHING";
        }
        return " ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET "
                + String.join(", ", others.stream().map(c -> c + " = excluded." + c).toList())
                + " WHERE " + String.join(" OR ", others.stream().map(c -> table + "." + c + " IS DISTINCT FROM excluded." + c).toList());
    }

    /** The target's columns a row can be given (not PostgreSQL's generated ones), with their JDBC types. */
    private static Map<String, Integer> writableColumns(Connection target, String table, Database.Engine engine)
            throws SQLException {
        Map<String, Integer> columns = new LinkedHashMap<>();
        try (ResultSet rows = target.getMetaData().getColumns(null, engine == Database.Engine.POSTGRESQL ? "public" : null,
                table, "%")) {
            while (rows.next()) {
                if (!"YES".equals(rows.getString("IS_GENERATEDCOLUMN"))) {
                    columns.put(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rows.getInt("DATA_TYPE"));
                }
            }
        }
        return columns;
    }

    /** The primary key's columns, in order; empty when the table has none. */
    private static List<String> primaryKey(Connection target, String table) throws SQLException {
        java.util.TreeMap<Integer, String> columns = new java.util.TreeMap<>();
        try (ResultSet keys = target.getMetaData().getPrimaryKeys(null, null, table)) {
            while (keys.next()) {
                columns.put(keys.getInt("KEY_SEQ"), keys.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(columns.values());
    }

    /** SQLite keeps truth values as 0 and 1; PostgreSQL wants booleans for its BOOLEAN columns. */
    private static Object converted(Object value, int targetType) {
        if ((targetType == Types.BOOLEAN || targetType == Types.BIT) && value instanceof Number n) {
            return n.longValue() != 0;
        }
        return value;
    }

    /** Each sequence of the target (BIGSERIAL columns) continues after the highest id copied. */
    private static void advanceSequences(Connection target) throws SQLException {
        List<String[]> serials = new ArrayList<>();
        try (Statement s = target.createStatement(); ResultSet rows = s.executeQuery("SELECT table_name, column_name"
                + " FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'")) {
            while (rows.next()) {
                serials.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        for (String[] serial : serials) {
            try (Statement s = target.createStatement()) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + serial[0] + "', '" + serial[1] + "'), GREATEST(1, (SELECT"
                        + " COALESCE(MAX(" + serial[1] + "), 0) FROM " + serial[0] + ")))");
            }
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long sum(int[] counts) {
        long total = 0;
        for (int c : counts) {
            total += Math.max(0, c);
        }
        return total;
    }
}
