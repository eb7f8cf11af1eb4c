-- The serial each file was published under, so that a snapshot's project list can give each project's serial as it
-- stood at the snapshot's time. Files published before this version get their project's serial of now: the nearest
-- known, never newer than a later upload's.
ALTER TABLE distribution_file ADD COLUMN serial BIGINT;
UPDATE distribution_file SET serial = (SELECT last_serial FROM project WHERE project.name = distribution_file.project);
