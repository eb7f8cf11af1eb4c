-- Browser sessions of the web pages: signed in with a password, ended by signing out, by expiry, or by revocation
-- (the account's own list, or an admin disabling the account). The cookie's secret is stored as its SHA-256 only.
CREATE TABLE account_session (
    id VARCHAR(32) PRIMARY KEY,             -- public, names the session in lists and revocations
    secret_sha256 CHAR(64) NOT NULL UNIQUE,
    account VARCHAR(64) NOT NULL REFERENCES account (name),
    client VARCHAR(64),                     -- the address it was signed in from
    user_agent VARCHAR(255),
    created_micros BIGINT NOT NULL,
    expires_micros BIGINT NOT NULL,
    revoked_micros BIGINT
);
CREATE INDEX account_session_by_account ON account_session (account);
