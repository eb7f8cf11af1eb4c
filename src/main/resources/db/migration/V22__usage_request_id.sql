-- Every usage event carries the id of its request, as the server's log lines (--log-format json) do: a line in one
-- is found in the other.
ALTER TABLE usage_request ADD COLUMN request_id VARCHAR(32);

DROP VIEW usage_event;
CREATE VIEW usage_event AS
SELECT r.at_micros, r.kind, a.route, r.project, r.version, r.filename, r.identity, r.token_id, r.client_address,
       c.installer, c.installer_version, c.python, c.os, c.cpu, c.ci, r.decision, r.detail, a.source, a.status,
       r.bytes, r.duration_micros, a.gates, r.request_id
FROM usage_request r
LEFT JOIN usage_client c ON c.id = r.client_id
LEFT JOIN usage_answer a ON a.id = r.answer_id;
