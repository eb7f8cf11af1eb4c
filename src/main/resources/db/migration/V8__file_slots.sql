-- One file per slot of a project: a wheel's (version as PEP 440 compares it, build tag, expanded tag set), an
-- sdist's version. Stored as the SHA-256 of the slot's text (DistributionFilename.slot), so that another spelling
-- of a filename (IMM_PKG-1.0-..., imm_pkg-1.0.0-..., ...-PY3-NONE-ANY.whl) can never add a second file for it.
-- Rows from before this migration are filled in at start (SqlHostedCatalog); NULL never conflicts.
ALTER TABLE distribution_file ADD COLUMN slot CHAR(64);
CREATE UNIQUE INDEX distribution_file_by_slot ON distribution_file (project, slot);
-- A deleted file's slot stays used, as its filename does.
ALTER TABLE burned_filename ADD COLUMN slot CHAR(64);
CREATE INDEX burned_filename_by_slot ON burned_filename (project, slot);
