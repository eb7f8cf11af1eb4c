package dev.sluice.usage;

import dev.sluice.util.Digests;
import dev.sluice.util.StartOverMap;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Values that the usage log repeats on most rows (a client, an answer's shape), kept once in their own table and
 * named by a hash of the values (V6__usage_dictionaries.sql): a writer needs no lookup to name them, and writes
 * a value's row only the first time it meets it.
 *
 * @param <V> the values, a record whose equality is that of its values
 */
final class UsageDictionary<V> {
    /** Values remembered as written; past this the memory starts over (re-writing a row is harmless). */
    private static final int REMEMBERED = 10_000;

    private final String insert;
    private final Function<V, List<Object>> columns;
    private final StartOverMap<V, Long> written = new StartOverMap<>(REMEMBERED);

    /** @param columns the values in the order of {@code columnNames} */
    UsageDictionary(String table, String columnNames, Function<V, List<Object>> columns) {
        int count = columnNames.split(",").length;
        this.insert = "INSERT INTO " + table + " (id, " + columnNames + ") VALUES (?" + ", ?".repeat(count)
                + ") ON CONFLICT (id) DO NOTHING";
        this.columns = columns;
    }

    /** The id of {@code values}, adding them to {@code unwritten} if this store has not written them yet. */
    long id(V values, Map<V, Long> unwritten) {
        Long known = written.get(values);
        return known != null ? known : unwritten.computeIfAbsent(values, v -> hash(columns.apply(v)));
    }

    /** Writes the values met for the first time, in the caller's transaction. */
    void write(Connection connection, Map<V, Long> unwritten) throws SQLException {
        if (unwritten.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (Map.Entry<V, Long> entry : unwritten.entrySet()) {
                statement.setLong(1, entry.getValue());
                List<Object> values = columns.apply(entry.getKey());
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 2, values.get(i));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Remembers values as written, once their transaction has committed. */
    void committed(Map<V, Long> unwritten) {
        written.putAll(unwritten);
    }

    /** A positive 63-bit name for the values, the same in every process (the first 8 bytes of their sha256). */
    static long hash(Collection<Object> values) {
        MessageDigest sha256 = Digests.newSha256();
        for (Object value : values) {
            // Each value is prefixed by its length (-1 for null), so that no two lists of values read alike.
            byte[] bytes = value == null ? new byte[0] : value.toString().getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(4).putInt(value == null ? -1 : bytes.length).array());
            sha256.update(bytes);
        }
        byte[] digest = sha256.digest();
        long id = 0;
        for (int i = 0; i < 8; i++) {
            id = (id << 8) | (digest[i] & 0xff);
        }
        return id & Long.MAX_VALUE;
    }
}
