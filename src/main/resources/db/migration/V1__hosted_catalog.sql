-- The hosted catalog. Written in the SQL subset SQLite and PostgreSQL both accept: natural keys (no
-- auto-increment), BIGINT microseconds for times, BOOLEAN with TRUE/FALSE.

-- One counter for every change, as PyPI's serial: pages carry it (X-PyPI-Last-Serial) and caches key on it.
CREATE TABLE serial_counter (
    id INTEGER PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO serial_counter (id, value) VALUES (1, 0);

CREATE TABLE project (
    name VARCHAR(255) PRIMARY KEY,          -- PEP 503 normal form
    display_name VARCHAR(255) NOT NULL,     -- as first uploaded
    last_serial BIGINT NOT NULL,
    created_micros BIGINT NOT NULL
);

CREATE TABLE project_release (
    project VARCHAR(255) NOT NULL REFERENCES project (name),
    version VARCHAR(255) NOT NULL,          -- PEP 440 normal form
    metadata_json TEXT NOT NULL,            -- core metadata of the release's first file, for the JSON API
    created_micros BIGINT NOT NULL,
    PRIMARY KEY (project, version)
);

CREATE TABLE distribution_file (
    filename VARCHAR(255) PRIMARY KEY,      -- a filename means the same bytes forever
    project VARCHAR(255) NOT NULL,
    version VARCHAR(255) NOT NULL,
    packagetype VARCHAR(16) NOT NULL,       -- bdist_wheel or sdist
    python_version VARCHAR(64) NOT NULL,
    size BIGINT NOT NULL,
    sha256 CHAR(64) NOT NULL,
    md5 CHAR(32) NOT NULL,
    blake2b_256 CHAR(64) NOT NULL,
    requires_python VARCHAR(1024),
    metadata_sha256 CHAR(64),               -- PEP 658 core metadata blob
    upload_micros BIGINT NOT NULL,          -- microseconds since the epoch, UTC
    yanked BOOLEAN NOT NULL,
    yank_reason TEXT,
    uploaded_by VARCHAR(255),
    FOREIGN KEY (project, version) REFERENCES project_release (project, version)
);
CREATE INDEX distribution_file_by_project ON distribution_file (project);

-- Filenames used and then deleted: never to be reused for other bytes.
CREATE TABLE burned_filename (
    filename VARCHAR(255) PRIMARY KEY,
    project VARCHAR(255) NOT NULL,
    burned_micros BIGINT NOT NULL
);
