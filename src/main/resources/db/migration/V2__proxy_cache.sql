-- What proxy sources keep of their upstreams. Pages are kept as Sluice reads them (JSON), with the
-- validators to revalidate them; blobs name the bytes in the blob store that came from each upstream file.

CREATE TABLE proxy_page (
    source VARCHAR(64) NOT NULL,
    project VARCHAR(255) NOT NULL,          -- PEP 503 normal form
    status INTEGER NOT NULL,                -- 200, or 404 remembered for a short while
    fetched_micros BIGINT NOT NULL,         -- when the upstream last confirmed this page
    etag VARCHAR(1024),
    last_modified VARCHAR(128),
    page_json TEXT,
    PRIMARY KEY (source, project)
);

CREATE TABLE proxy_blob (
    source VARCHAR(64) NOT NULL,
    name VARCHAR(300) NOT NULL,             -- a filename, or a filename + '.metadata'
    sha256 CHAR(64) NOT NULL,
    size BIGINT NOT NULL,
    cached_micros BIGINT NOT NULL,
    PRIMARY KEY (source, name)
);
