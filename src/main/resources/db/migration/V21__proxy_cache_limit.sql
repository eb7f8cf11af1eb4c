-- A proxy's cache kept within [sources.NAME] max-cache-size: cached files leave least recently read first, so each
-- remembers when it was last read (written in batches; null: not read since it was cached).
ALTER TABLE proxy_blob ADD COLUMN read_micros BIGINT;
CREATE INDEX proxy_blob_by_last_read ON proxy_blob (source, read_micros, cached_micros);

-- Before an evicted file's bytes leave the store, whether anything else still names them: one lookup each.
CREATE INDEX proxy_blob_by_sha256 ON proxy_blob (sha256);
CREATE INDEX distribution_file_by_sha256 ON distribution_file (sha256);
CREATE INDEX distribution_file_by_metadata_sha256 ON distribution_file (metadata_sha256);
CREATE INDEX bundle_file_by_sha256 ON bundle_file (sha256);
CREATE INDEX bundle_file_by_metadata_sha256 ON bundle_file (metadata_sha256);
