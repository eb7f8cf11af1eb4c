-- A download is a complete 200 GET of a file. Events of file requests now say what they were: 'downloaded', or
-- 'checked' (HEAD), 'partial' (206), 'not-modified' (304), 'cut-short' (the client left mid-file). Earlier events
-- could not tell a HEAD or a transfer cut short from a download: their 200s count as downloads.
UPDATE usage_request SET decision = 'downloaded' WHERE kind = 'file' AND decision = 'served'
    AND answer_id IN (SELECT id FROM usage_answer WHERE status = 200);
UPDATE usage_request SET decision = 'partial' WHERE kind = 'file' AND decision = 'served'
    AND answer_id IN (SELECT id FROM usage_answer WHERE status = 206);
UPDATE usage_request SET decision = 'not-modified' WHERE kind = 'file' AND decision = 'served'
    AND answer_id IN (SELECT id FROM usage_answer WHERE status = 304);
DROP INDEX usage_request_served_files;
CREATE INDEX usage_request_downloads ON usage_request (project, version, at_micros)
    WHERE kind = 'file' AND decision = 'downloaded';
