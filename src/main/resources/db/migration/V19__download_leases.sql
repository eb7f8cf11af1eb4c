-- Which node downloads a file from upstream when several share the catalog (proxy/DownloadLeases): one holds the
-- lease, renewing it while it downloads; the others wait for the file it caches, or take over once the lease runs out.
CREATE TABLE download_lease (
    source VARCHAR(64) NOT NULL,
    name VARCHAR(300) NOT NULL,
    holder VARCHAR(64) NOT NULL,
    expires_micros BIGINT NOT NULL,
    PRIMARY KEY (source, name)
);
