-- What people search besides names (see db/vendor/sqlite/V17): each known project's summary, latest version and
-- source, with PostgreSQL's own text search ('simple' configuration: no stemming, as names are not English words).
CREATE TABLE project_text (
    name VARCHAR(255) NOT NULL,             -- PEP 503 normal form
    summary TEXT NOT NULL,
    version VARCHAR(255) NOT NULL,
    source VARCHAR(255) NOT NULL,
    words TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', replace(name, '-', ' ') || ' ' || summary)) STORED
);
CREATE INDEX project_text_by_name ON project_text (name);
CREATE INDEX project_text_words ON project_text USING GIN (words);
