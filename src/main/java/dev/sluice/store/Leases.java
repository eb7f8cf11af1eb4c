package dev.sluice.store;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * Which node does a piece of work when several share a catalog (one upstream download of a file, one refresh of the
 * advisories): the node that takes the work's lease in the catalog does it, the others do not (or wait for its
 * result). A lease runs out unless renewed, so the work of a node that died is taken over. On a SQLite catalog there
 * is one node, and every lease is granted.
 */
public interface Leases {
    /** Whether this node now holds the lease on the work ({@code scope}, {@code name}) for {@code term}. */
    boolean acquire(String scope, String name, Duration term);

    /** Extends this node's lease while its work runs. */
    void renew(String scope, String name, Duration term);

    void release(String scope, String name);

    /** One node: every lease is its own. */
    Leases ALONE = new Leases() {
        @Override
        public boolean acquire(String scope, String name, Duration term) {
            return true;
        }

        @Override
        public void renew(String scope, String name, Duration term) {}

        @Override
        public void release(String scope, String name) {}
    };

    /** Leases in the catalog's {@code catalog_lease} table when other nodes may share it, else {@link #ALONE}. */
    static Leases of(Database database, Clock clock) {
        return database.engine() == Database.Engine.POSTGRESQL ? inCatalog(database.jdbi(), clock) : ALONE;
    }

    /** Leases in the catalog's {@code catalog_lease} table, held under a name new at each start. */
    static Leases inCatalog(Jdbi jdbi, Clock clock) {
        String holder = java.util.UUID.randomUUID().toString();
        return new Leases() {
            @Override
            public boolean acquire(String scope, String name, Duration term) {
                long now = micros(clock);
                return jdbi.inTransaction(h -> {
                    h.createUpdate("DELETE FROM catalog_lease WHERE scope = :scope AND name = :name AND expires_micros < :now")
                            .bind("scope", scope).bind("name", name).bind("now", now).execute();
                    return h.createUpdate("INSERT INTO catalog_lease (scope, name, holder, expires_micros)"
                                    + " VALUES (:scope, :name, :holder, :expires) ON CONFLICT DO NOTHING")
                            .bind("scope", scope).bind("name", name).bind("holder", holder)
                            .bind("expires", now + term.toNanos() / 1000).execute() == 1;
                });
            }

            @Override
            public void renew(String scope, String name, Duration term) {
                jdbi.useHandle(h -> h.createUpdate("UPDATE catalog_lease SET expires_micros = :expires"
                                + " WHERE scope = :scope AND name = :name AND holder = :holder")
                        .bind("scope", scope).bind("name", name).bind("holder", holder)
                        .bind("expires", micros(clock) + term.toNanos() / 1000).execute());
            }

            @Override
            public void release(String scope, String name) {
                jdbi.useHandle(h -> h.createUpdate("DELETE FROM catalog_lease WHERE scope = :scope AND name = :name"
                                + " AND holder = :holder")
                        .bind("scope", scope).bind("name", name).bind("holder", holder).execute());
            }
        };
    }

    private static long micros(Clock clock) {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
