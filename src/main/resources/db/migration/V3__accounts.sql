-- Accounts, API tokens, teams and project owners. Secrets are never stored: passwords as Argon2id hashes
-- (PHC strings), tokens as the SHA-256 of the token.

CREATE TABLE account (
    name VARCHAR(64) PRIMARY KEY,           -- lower case
    password_hash VARCHAR(255),             -- Argon2id PHC string; NULL: tokens only
    admin BOOLEAN NOT NULL,
    disabled BOOLEAN NOT NULL,
    created_micros BIGINT NOT NULL
);

CREATE TABLE api_token (
    id VARCHAR(32) PRIMARY KEY,             -- public, names the token in lists and revocations
    token_sha256 CHAR(64) NOT NULL UNIQUE,
    account VARCHAR(64) NOT NULL REFERENCES account (name),
    description VARCHAR(255) NOT NULL,
    scopes TEXT NOT NULL,                   -- space-separated, as Scope.parse reads them
    created_micros BIGINT NOT NULL,
    expires_micros BIGINT,                  -- NULL: no expiry
    last_used_micros BIGINT,
    revoked_micros BIGINT
);
CREATE INDEX api_token_by_account ON api_token (account);

CREATE TABLE team (
    name VARCHAR(64) PRIMARY KEY,
    created_micros BIGINT NOT NULL
);

CREATE TABLE team_member (
    team VARCHAR(64) NOT NULL REFERENCES team (name),
    account VARCHAR(64) NOT NULL REFERENCES account (name),
    PRIMARY KEY (team, account)
);

-- Who may upload to a hosted project: one account or one team. A project has no row until its first upload.
CREATE TABLE project_owner (
    project VARCHAR(255) PRIMARY KEY,       -- PEP 503 normal form
    owner_account VARCHAR(64),
    owner_team VARCHAR(64),
    assigned_micros BIGINT NOT NULL
);

-- Security decisions: failed logins, refusals, account and token changes. Append-only; never a secret.
CREATE TABLE security_event (
    at_micros BIGINT NOT NULL,
    actor VARCHAR(64),                      -- the account (or token owner) acting, NULL when unknown
    client VARCHAR(64),                     -- the client's address
    action VARCHAR(64) NOT NULL,
    target VARCHAR(300),
    outcome VARCHAR(16) NOT NULL,           -- allowed or refused
    reason VARCHAR(300)
);
CREATE INDEX security_event_by_time ON security_event (at_micros);
