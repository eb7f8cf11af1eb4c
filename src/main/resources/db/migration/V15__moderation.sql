-- Moderation (the moderation feature): what asked to enter through a moderation gate, who decided what, and who may.
-- A request is for a project as a whole (version '') or one version; at most one is open per gate, project and version.
CREATE TABLE moderation_request (
    id VARCHAR(32) PRIMARY KEY,             -- random, public: named in refusals, URLs and commands
    gate VARCHAR(64) NOT NULL,
    project VARCHAR(255) NOT NULL,          -- PEP 503 normal form
    version VARCHAR(255) NOT NULL,          -- '' for the project as a whole
    status VARCHAR(16) NOT NULL,            -- pending, approved, denied
    requested_by VARCHAR(64) NOT NULL,
    requested_from VARCHAR(64),
    requested_micros BIGINT NOT NULL,
    decided_micros BIGINT
);
CREATE INDEX moderation_request_by_item ON moderation_request (gate, project, version);
CREATE INDEX moderation_request_by_status ON moderation_request (status, requested_micros);

-- A decision: approve or deny a project, a range of its versions (a PEP 440 specifier) or one file, until an
-- optional expiry. Made by a person, or by a rule (decided_by 'rule:NAME').
CREATE TABLE moderation_decision (
    id VARCHAR(32) PRIMARY KEY,
    gate VARCHAR(64) NOT NULL,
    project VARCHAR(255) NOT NULL,
    kind VARCHAR(16) NOT NULL,              -- project, versions, file
    scope VARCHAR(300) NOT NULL,            -- '' (project), the specifier (versions) or the filename (file)
    action VARCHAR(16) NOT NULL,            -- approve, deny
    reason VARCHAR(1000),
    decided_by VARCHAR(64) NOT NULL,
    decided_micros BIGINT NOT NULL,
    expires_micros BIGINT                   -- NULL: until revoked
);
CREATE INDEX moderation_decision_by_project ON moderation_decision (gate, project);

-- The audit trail: requests opened, decisions (by people and rules), refusals, dry-run verdicts. Append-only.
CREATE TABLE moderation_event (
    at_micros BIGINT NOT NULL,
    gate VARCHAR(64) NOT NULL,
    project VARCHAR(255) NOT NULL,
    version VARCHAR(255) NOT NULL,
    action VARCHAR(32) NOT NULL,            -- requested, approved, denied, refused, would-refuse, rule-approved, ...
    actor VARCHAR(64),
    client VARCHAR(64),
    detail VARCHAR(1000)
);
CREATE INDEX moderation_event_by_time ON moderation_event (at_micros);
CREATE INDEX moderation_event_by_item ON moderation_event (gate, project, at_micros);

-- Who may moderate besides admins: an account or a team, on one route's gates or ('') every route.
CREATE TABLE moderator (
    principal VARCHAR(64) NOT NULL,
    team BOOLEAN NOT NULL,
    route VARCHAR(64) NOT NULL,
    granted_micros BIGINT NOT NULL,
    PRIMARY KEY (principal, team, route)
);
