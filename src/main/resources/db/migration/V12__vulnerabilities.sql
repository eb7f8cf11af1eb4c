-- OSV advisories, imported from a file or a URL (the vulnerabilities feature). A record is kept whole, as JSON, and
-- replaced only by a later 'modified'; a withdrawn record stays (for history) and matches nothing.
CREATE TABLE vulnerability_record (
    id VARCHAR(128) PRIMARY KEY,
    modified_micros BIGINT NOT NULL,
    withdrawn_micros BIGINT,
    malicious BOOLEAN NOT NULL,
    record TEXT NOT NULL
);

-- The PyPI projects each record names, in PEP 503 normal form: the advisories of a project, and a record's projects.
CREATE TABLE vulnerability_project (
    project VARCHAR(255) NOT NULL,
    record_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (project, record_id)
);
CREATE INDEX vulnerability_project_by_record ON vulnerability_project (record_id);

-- Every import that changed or confirmed the data: what it read, and for a URL the validators of its answer, so that
-- the next refresh asks with a conditional GET.
CREATE TABLE vulnerability_import (
    finished_micros BIGINT NOT NULL,
    source VARCHAR(2000) NOT NULL,
    etag VARCHAR(300),
    last_modified VARCHAR(100),
    records_read INTEGER NOT NULL,
    added INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    withdrawn INTEGER NOT NULL,
    skipped INTEGER NOT NULL,
    duration_micros BIGINT NOT NULL
);
CREATE INDEX vulnerability_import_by_time ON vulnerability_import (finished_micros);
