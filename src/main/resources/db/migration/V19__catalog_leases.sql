-- Which node does a piece of work when several share the catalog (store/Leases): one upstream download of a file,
-- one refresh of the advisories. One node holds the lease, renewing it while it works; the others wait for its
-- result, or take over once the lease runs out.
CREATE TABLE catalog_lease (
    scope VARCHAR(64) NOT NULL,             -- the kind of work: a proxy source's name, 'vulnerabilities'
    name VARCHAR(1024) NOT NULL,            -- which: a filename, a URL
    holder VARCHAR(64) NOT NULL,
    expires_micros BIGINT NOT NULL,
    PRIMARY KEY (scope, name)
);
