-- "Who downloaded these versions?" (the usage report, and a vulnerability's impact) read the downloader of every matching
-- download. Reading those columns from the table costs a random page read per row (a quarter of a second for 70,000
-- downloads of a popular project in a log of a million); carried in the downloads index, the question is answered from
-- the index alone. at_micros stays third, so time windows still seek.
DROP INDEX usage_request_downloads;
CREATE INDEX usage_request_downloads ON usage_request (project, version, at_micros, identity, client_address, client_id)
    WHERE kind = 'file' AND decision = 'downloaded';
