-- The usage log's repeated values are stored once. Under load the log writer's cost is SQLite binding and storing
-- 22 columns per request (docs/benchmarks.md); most of them repeat from row to row: the client parsed from the
-- User-Agent, and the answer's route, source, gates and status. Rows now name those by id, and a view keeps the
-- old shape (usage_event) for every query.
--
-- A writer names values by a hash of them (positive, 63 bits), so that any node can write without asking the
-- catalog first; it inserts a dictionary row it has not written yet with ON CONFLICT DO NOTHING. Rows carried over
-- from before get negative ids. No foreign keys: the writer would pay a lookup per row for them, and the view
-- keeps a row whose dictionary entry were missing (LEFT JOIN).

CREATE TABLE usage_client (
    id BIGINT PRIMARY KEY,
    installer VARCHAR(32),
    installer_version VARCHAR(64),
    python VARCHAR(32),
    os VARCHAR(64),
    cpu VARCHAR(32),
    ci BOOLEAN
);

CREATE TABLE usage_answer (
    id BIGINT PRIMARY KEY,
    route VARCHAR(128),
    source VARCHAR(64),
    gates VARCHAR(200),
    status INTEGER NOT NULL
);

CREATE TABLE usage_request (
    at_micros BIGINT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    decision VARCHAR(16) NOT NULL,
    answer_id BIGINT NOT NULL,
    client_id BIGINT NOT NULL,
    project VARCHAR(255),
    version VARCHAR(255),
    filename VARCHAR(300),
    identity VARCHAR(64),
    token_id VARCHAR(32),
    client_address VARCHAR(64),
    detail VARCHAR(300),
    bytes BIGINT,
    duration_micros BIGINT
);

INSERT INTO usage_client (id, installer, installer_version, python, os, cpu, ci)
SELECT -ROW_NUMBER() OVER (ORDER BY installer, installer_version, python, os, cpu, ci), installer, installer_version,
       python, os, cpu, ci
FROM (SELECT DISTINCT installer, installer_version, python, os, cpu, ci FROM usage_event) clients;

INSERT INTO usage_answer (id, route, source, gates, status)
SELECT -ROW_NUMBER() OVER (ORDER BY route, source, gates, status), route, source, gates, status
FROM (SELECT DISTINCT route, source, gates, status FROM usage_event) answers;

INSERT INTO usage_request (at_micros, kind, decision, answer_id, client_id, project, version, filename, identity,
                           token_id, client_address, detail, bytes, duration_micros)
SELECT e.at_micros, e.kind, e.decision, a.id, c.id, e.project, e.version, e.filename, e.identity, e.token_id,
       e.client_address, e.detail, e.bytes, e.duration_micros
FROM usage_event e
JOIN usage_client c ON c.installer IS NOT DISTINCT FROM e.installer
    AND c.installer_version IS NOT DISTINCT FROM e.installer_version AND c.python IS NOT DISTINCT FROM e.python
    AND c.os IS NOT DISTINCT FROM e.os AND c.cpu IS NOT DISTINCT FROM e.cpu AND c.ci IS NOT DISTINCT FROM e.ci
JOIN usage_answer a ON a.route IS NOT DISTINCT FROM e.route AND a.source IS NOT DISTINCT FROM e.source
    AND a.gates IS NOT DISTINCT FROM e.gates AND a.status = e.status;

DROP TABLE usage_event;

-- "Who fetched", downloads per day and top projects ask about served files only (as before, V5).
CREATE INDEX usage_request_served_files ON usage_request (project, version, at_micros)
    WHERE kind = 'file' AND decision = 'served';

CREATE VIEW usage_event AS
SELECT r.at_micros, r.kind, a.route, r.project, r.version, r.filename, r.identity, r.token_id, r.client_address,
       c.installer, c.installer_version, c.python, c.os, c.cpu, c.ci, r.decision, r.detail, a.source, a.status,
       r.bytes, r.duration_micros, a.gates
FROM usage_request r
LEFT JOIN usage_client c ON c.id = r.client_id
LEFT JOIN usage_answer a ON a.id = r.answer_id;
