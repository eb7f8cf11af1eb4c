-- What changed in the catalog, for the other nodes (see store/ChangeFeed and db/vendor/postgresql/V18). A SQLite
-- catalog has one node, so nothing reads it; the table is here so that both catalogs have the same tables.
CREATE TABLE catalog_change (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    topic VARCHAR(64) NOT NULL,
    subject VARCHAR(255) NOT NULL,
    origin VARCHAR(64) NOT NULL,            -- the node that made the change (it does not hear its own)
    at_micros BIGINT NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
);
CREATE INDEX catalog_change_by_time ON catalog_change (at_micros);
