-- What the inspection feature found in each distribution it looked inside (an upload, a proxied file at its first
-- download, a directory's file, a cached file re-inspected): one row a file, by sha256, since a file's bytes are its
-- identity (people name a file by its sha256's first characters, as git names commits). The verdict is the worst
-- finding's; the findings are kept whole as JSON. rules_version says which rules judged it, so that
-- `sluice inspect --all` can judge again what older rules saw. An admin's decision on a quarantined file (released,
-- or kept blocked) is kept with who and why.
CREATE TABLE inspection_verdict (
    sha256 CHAR(64) PRIMARY KEY,
    project VARCHAR(255) NOT NULL,
    filename VARCHAR(255) NOT NULL,
    origin VARCHAR(64) NOT NULL,
    verdict VARCHAR(16) NOT NULL,
    reason VARCHAR(1000),
    findings TEXT NOT NULL,
    rules_version INTEGER NOT NULL,
    inspected_micros BIGINT NOT NULL,
    decision VARCHAR(16),
    decided_by VARCHAR(255),
    decision_reason VARCHAR(1000),
    decided_micros BIGINT
);
CREATE INDEX inspection_verdict_by_project ON inspection_verdict (project, verdict);
CREATE INDEX inspection_verdict_by_verdict ON inspection_verdict (verdict);

-- The audit trail: every verdict reached and every decision taken, appended and never changed.
CREATE TABLE inspection_event (
    at_micros BIGINT NOT NULL,
    sha256 CHAR(64) NOT NULL,
    filename VARCHAR(255) NOT NULL,
    action VARCHAR(32) NOT NULL,
    actor VARCHAR(255),
    detail VARCHAR(2000)
);
CREATE INDEX inspection_event_by_file ON inspection_event (sha256, at_micros);
