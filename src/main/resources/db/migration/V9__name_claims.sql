-- Names an admin claimed for the organisation: a first upload may then create a hosted project under a name that
-- an outside source (a proxied upstream, a directory) also serves. Released with the hosted project's name; the
-- security log keeps the history of both.
CREATE TABLE name_claim (
    project VARCHAR(255) PRIMARY KEY,       -- PEP 503 normal form
    claimed_by VARCHAR(64) NOT NULL,
    claimed_micros BIGINT NOT NULL
);
