package dev.sluice.proxy;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * Who downloads a file from upstream when several nodes share a catalog: one node takes the file's lease in the
 * catalog and downloads, the others wait for the cached file it leaves (or for the lease to run out: a node that died
 * mid-download is replaced). The holder renews the lease while its download runs.
 */
interface DownloadLeases {
    /** How long a lease lasts unless renewed; a dead holder's file is downloaded again after at most this long. */
    Duration TERM = Duration.ofSeconds(15);

    /** Whether this node may download the file now (its lease taken), or another node is at it. */
    boolean acquire(String source, String filename);

    /** Extends this node's lease while its download runs. */
    void renew(String source, String filename);

    void release(String source, String filename);

    /** One node: every download is its own (within the node, one download per file already). */
    DownloadLeases ALONE = new DownloadLeases() {
        @Override
        public boolean acquire(String source, String filename) {
            return true;
        }

        @Override
        public void renew(String source, String filename) {}

        @Override
        public void release(String source, String filename) {}
    };

    /** Leases in the catalog's {@code download_lease} table. */
    static DownloadLeases inCatalog(Jdbi jdbi, Clock clock) {
        String holder = java.util.UUID.randomUUID().toString();
        return new DownloadLeases() {
            @Override
            public boolean acquire(String source, String filename) {
                long now = micros(clock);
                return jdbi.inTransaction(h -> {
                    h.createUpdate("DELETE FROM download_lease WHERE source = :source AND name = :name AND expires_micros < :now")
                            .bind("source", source).bind("name", filename).bind("now", now).execute();
                    return h.createUpdate("INSERT INTO download_lease (source, name, holder, expires_micros)"
                                    + " VALUES (:source, :name, :holder, :expires) ON CONFLICT DO NOTHING")
                            .bind("source", source).bind("name", filename).bind("holder", holder)
                            .bind("expires", now + TERM.toNanos() / 1000).execute() == 1;
                });
            }

            @Override
            public void renew(String source, String filename) {
                jdbi.useHandle(h -> h.createUpdate("UPDATE download_lease SET expires_micros = :expires"
                                + " WHERE source = :source AND name = :name AND holder = :holder")
                        .bind("source", source).bind("name", filename).bind("holder", holder)
                        .bind("expires", micros(clock) + TERM.toNanos() / 1000).execute());
            }

            @Override
            public void release(String source, String filename) {
                jdbi.useHandle(h -> h.createUpdate("DELETE FROM download_lease WHERE source = :source AND name = :name"
                                + " AND holder = :holder")
                        .bind("source", source).bind("name", filename).bind("holder", holder).execute());
            }
        };
    }

    private static long micros(Clock clock) {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
