-- Files a closed Sluice took from bundles, per source of type "bundle": the index facts exactly as the exporting Sluice
-- served them (upload time, yank, requires-python, hashes, core metadata), so that pages here match pages there.
CREATE TABLE bundle_file (
    source VARCHAR(255) NOT NULL,
    filename VARCHAR(255) NOT NULL,         -- a filename means the same bytes forever, here too
    project VARCHAR(255) NOT NULL,          -- PEP 503 normal form
    display_name VARCHAR(255) NOT NULL,
    version VARCHAR(255) NOT NULL,
    packagetype VARCHAR(16) NOT NULL,
    python_version VARCHAR(64),
    size BIGINT NOT NULL,
    sha256 CHAR(64) NOT NULL,
    md5 CHAR(32),
    blake2b_256 CHAR(64),
    requires_python VARCHAR(1024),
    metadata_sha256 CHAR(64),
    upload_micros BIGINT NOT NULL,
    yanked BOOLEAN NOT NULL,
    yank_reason TEXT,
    changed_micros BIGINT NOT NULL,         -- when this row last changed here: the project's serial
    bundle CHAR(64) NOT NULL,               -- sha256 of the manifest of the bundle that last changed it
    PRIMARY KEY (source, filename)
);
CREATE INDEX bundle_file_project ON bundle_file (source, project);

-- Every bundle imported: signed by whom, made when, what it did.
CREATE TABLE bundle_import (
    source VARCHAR(255) NOT NULL,
    manifest_sha256 CHAR(64) NOT NULL,
    imported_micros BIGINT NOT NULL,
    created_micros BIGINT NOT NULL,
    exporter TEXT NOT NULL,
    signer TEXT,                            -- the trusted key that signed it; null when taken unsigned
    added INTEGER NOT NULL,
    present INTEGER NOT NULL,
    refused INTEGER NOT NULL,
    PRIMARY KEY (source, manifest_sha256, imported_micros)
);
