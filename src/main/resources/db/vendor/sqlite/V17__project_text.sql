-- What people search besides names: each known project's summary, with its latest version and the source that serves
-- it, for the web interface's search. SQLite's FTS5 full-text index (unicode61 tokens, diacritics folded); a
-- PostgreSQL catalog gets its own V17 with text search (db/vendor/postgresql). Filled from the core metadata Sluice
-- reads: every hosted project's, and any project's whose page was opened.
CREATE VIRTUAL TABLE project_text USING fts5(
    name,                                   -- PEP 503 normal form
    summary,
    version UNINDEXED,
    source UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
