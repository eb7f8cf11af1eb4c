-- Which gates acted on each request (comma-separated, in the order they acted on the answer, nearest the source
-- first; for a refusal, the gate that said no, or 'access' for authentication and permissions). The detail column
-- keeps the refusal's reason only.
ALTER TABLE usage_event ADD COLUMN gates VARCHAR(200);

-- "Who fetched", downloads per day and top projects ask about served files only: index just those rows, so that
-- page and metadata requests (most of an installer's traffic) cost the writer no index upkeep.
DROP INDEX usage_event_by_project;
CREATE INDEX usage_event_served_files ON usage_event (project, version, at_micros) WHERE kind = 'file' AND decision = 'served';
