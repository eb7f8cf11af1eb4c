-- The usage log: one row per request that touched an index, appended in batches, pruned by age.
CREATE TABLE usage_event (
    at_micros BIGINT NOT NULL,
    kind VARCHAR(16) NOT NULL,              -- list, page, file, metadata, upload, admin, account, other
    route VARCHAR(128),
    project VARCHAR(255),                   -- PEP 503 normal form
    version VARCHAR(255),                   -- PEP 440 normal form, for files and uploads
    filename VARCHAR(300),
    identity VARCHAR(64),                   -- the account, 'admin' for the admin token, 'anonymous'
    token_id VARCHAR(32),
    client_address VARCHAR(64),
    installer VARCHAR(32),                  -- pip, uv, poetry, pdm, twine, browser, other
    installer_version VARCHAR(64),
    python VARCHAR(32),
    os VARCHAR(64),
    cpu VARCHAR(32),
    ci BOOLEAN,
    decision VARCHAR(16) NOT NULL,          -- served, refused, not-found, unavailable, error
    detail VARCHAR(300),                    -- the refusal's reason, or the gates that acted
    source VARCHAR(64),
    status INTEGER NOT NULL,
    bytes BIGINT,
    duration_micros BIGINT
);
CREATE INDEX usage_event_by_project ON usage_event (project, version, at_micros);

