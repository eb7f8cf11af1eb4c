-- A token made with another token records its maker: it never outlives it and is revoked with it.
ALTER TABLE api_token ADD COLUMN parent_id VARCHAR(32);
CREATE INDEX api_token_by_parent ON api_token (parent_id);
