-- Which gates acted on each request (comma-separated, in the order they acted on the answer, nearest the source first; for a refusal, the gate that
-- said no, or 'access' for authentication and permissions). The detail column keeps the refusal's reason only.
ALTER TABLE usage_event ADD COLUMN gates VARCHAR(200);
