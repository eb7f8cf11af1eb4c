-- What changed in the catalog, for the other nodes (see store/ChangeFeed): each node reads the rows newer than those it
-- has seen and forgets what it kept in memory of them. The time is the database's, so nodes' clocks do not matter.
CREATE TABLE catalog_change (
    id BIGSERIAL PRIMARY KEY,
    topic VARCHAR(64) NOT NULL,
    subject VARCHAR(255) NOT NULL,
    origin VARCHAR(64) NOT NULL,            -- the node that made the change (it does not hear its own)
    at_micros BIGINT NOT NULL DEFAULT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT
);
CREATE INDEX catalog_change_by_time ON catalog_change (at_micros);
