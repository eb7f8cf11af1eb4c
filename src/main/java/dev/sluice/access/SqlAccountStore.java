package dev.sluice.access;

import dev.sluice.util.Micros;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link AccountStore} in SQL (SQLite and PostgreSQL alike). */
public final class SqlAccountStore implements AccountStore {
    private static final String TOKEN_COLUMNS = "id, token_sha256, account, description, scopes, created_micros,"
            + " expires_micros, last_used_micros, revoked_micros, parent_id";

    private final Jdbi jdbi;

    public SqlAccountStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean createAccount(String name, String passwordHash, boolean admin, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO account (name, password_hash, admin, disabled, created_micros)"
                        + " VALUES (:n, :p, :a, FALSE, :at) ON CONFLICT (name) DO NOTHING")
                .bind("n", name).bind("p", passwordHash).bind("a", admin).bind("at", Micros.of(at)).execute()) == 1;
    }

    @Override
    public Optional<Account> account(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, password_hash, admin, disabled FROM account WHERE name = :n")
                .bind("n", name).map((rs, ctx) -> new Account(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)))
                .findOne());
    }

    @Override
    public List<Account> accounts() {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, password_hash, admin, disabled FROM account ORDER BY name")
                .map((rs, ctx) -> new Account(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4))).list());
    }

    @Override
    public boolean setPassword(String name, String passwordHash) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE account SET password_hash = :p WHERE name = :n")
                .bind("p", passwordHash).bind("n", name).execute()) == 1;
    }

    @Override
    public boolean setDisabled(String name, boolean disabled) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE account SET disabled = :d WHERE name = :n")
                .bind("d", disabled).bind("n", name).execute()) == 1;
    }

    @Override
    public void addToken(Token t) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_token (" + TOKEN_COLUMNS + ") VALUES (:id, :sha, :account,"
                        + " :description, :scopes, :created, :expires, NULL, NULL, :parent)")
                .bind("id", t.id()).bind("sha", t.sha256()).bind("account", t.account()).bind("description", t.description())
                .bind("scopes", t.scopes()).bind("created", Micros.of(t.created()))
                .bind("expires", t.expires() == null ? null : Micros.of(t.expires())).bind("parent", t.parentId())
                .execute());
    }

    @Override
    public Optional<Token> tokenBySha256(String sha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + TOKEN_COLUMNS + " FROM api_token WHERE token_sha256 = :s")
                .bind("s", sha256).map(SqlAccountStore::token).findOne());
    }

    @Override
    public Optional<Token> token(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + TOKEN_COLUMNS + " FROM api_token WHERE id = :id")
                .bind("id", id).map(SqlAccountStore::token).findOne());
    }

    @Override
    public List<Token> tokens(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + TOKEN_COLUMNS + " FROM api_token WHERE account = :a"
                        + " ORDER BY created_micros, id").bind("a", account).map(SqlAccountStore::token).list());
    }

    private static Token token(java.sql.ResultSet rs, StatementContext ctx) throws java.sql.SQLException {
        return new Token(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                instant(rs, 6), instant(rs, 7), instant(rs, 8), instant(rs, 9), rs.getString(10));
    }

    private static Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : Micros.toInstant(micros);
    }

    @Override
    public boolean revokeToken(String id, Instant at) {
        return jdbi.inTransaction(h -> {
            boolean changed = revoke(h, id, at);
            // Every descendant, breadth first; ids are random, so a cycle cannot be made, but a visited set bounds it anyway.
            java.util.Deque<String> makers = new java.util.ArrayDeque<>(List.of(id));
            java.util.Set<String> seen = new java.util.HashSet<>(makers);
            while (!makers.isEmpty()) {
                for (String child : h.createQuery("SELECT id FROM api_token WHERE parent_id = :p").bind("p", makers.removeFirst())
                        .mapTo(String.class).list()) {
                    if (seen.add(child)) {
                        revoke(h, child, at);
                        makers.addLast(child);
                    }
                }
            }
            return changed;
        });
    }

    private static boolean revoke(org.jdbi.v3.core.Handle h, String id, Instant at) {
        return h.createUpdate("UPDATE api_token SET revoked_micros = :at WHERE id = :id AND revoked_micros IS NULL")
                .bind("at", Micros.of(at)).bind("id", id).execute() == 1;
    }

    @Override
    public void tokenUsed(String id, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_token SET last_used_micros = :at WHERE id = :id")
                .bind("at", Micros.of(at)).bind("id", id).execute());
    }

    @Override
    public boolean createTeam(String name, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO team (name, created_micros) VALUES (:n, :at)"
                + " ON CONFLICT (name) DO NOTHING").bind("n", name).bind("at", Micros.of(at)).execute()) == 1;
    }

    @Override
    public boolean teamExists(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM team WHERE name = :n").bind("n", name)
                .mapTo(Integer.class).one()) == 1;
    }

    @Override
    public boolean addMember(String team, String account) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO team_member (team, account) VALUES (:t, :a)"
                + " ON CONFLICT (team, account) DO NOTHING").bind("t", team).bind("a", account).execute()) == 1;
    }

    @Override
    public boolean removeMember(String team, String account) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM team_member WHERE team = :t AND account = :a")
                .bind("t", team).bind("a", account).execute()) == 1;
    }

    @Override
    public List<String> teamsOf(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT team FROM team_member WHERE account = :a ORDER BY team")
                .bind("a", account).mapTo(String.class).list());
    }

    @Override
    public Optional<Owner> owner(String project) {
        return jdbi.withHandle(h -> h.createQuery("SELECT owner_account, owner_team FROM project_owner WHERE project = :p")
                .bind("p", project).map((rs, ctx) -> new Owner(rs.getString(1), rs.getString(2))).findOne());
    }

    @Override
    public boolean claim(String project, String account, Instant at) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO project_owner (project, owner_account, owner_team, assigned_micros)"
                            + " VALUES (:p, :a, NULL, :at) ON CONFLICT (project) DO NOTHING")
                    .bind("p", project).bind("a", account).bind("at", Micros.of(at)).execute();
            return account.equals(h.createQuery("SELECT owner_account FROM project_owner WHERE project = :p")
                    .bind("p", project).mapTo(String.class).one());
        });
    }

    @Override
    public void clearOwner(String project) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM project_owner WHERE project = :p").bind("p", project).execute());
    }

    @Override
    public java.util.SortedMap<String, Owner> owners() {
        java.util.SortedMap<String, Owner> owners = new java.util.TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT project, owner_account, owner_team FROM project_owner")
                .map((rs, ctx) -> owners.put(rs.getString(1), new Owner(rs.getString(2), rs.getString(3)))).list());
        return owners;
    }

    @Override
    public void setOwner(String project, Owner owner, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO project_owner (project, owner_account, owner_team, assigned_micros)"
                        + " VALUES (:p, :a, :t, :at) ON CONFLICT (project) DO UPDATE SET owner_account = excluded.owner_account,"
                        + " owner_team = excluded.owner_team, assigned_micros = excluded.assigned_micros")
                .bind("p", project).bind("a", owner.account()).bind("t", owner.team())
                .bind("at", Micros.of(at)).execute());
    }

    @Override
    public void record(SecurityEvent e) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO security_event (at_micros, actor, client, action, target, outcome, reason)"
                        + " VALUES (:at, :actor, :client, :action, :target, :outcome, :reason)")
                .bind("at", Micros.of(e.at())).bind("actor", e.actor()).bind("client", e.client())
                .bind("action", e.action()).bind("target", clip(e.target())).bind("outcome", e.outcome())
                .bind("reason", clip(e.reason())).execute());
    }

    private static String clip(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }

    @Override
    public List<SecurityEvent> events(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT at_micros, actor, client, action, target, outcome, reason"
                        + " FROM security_event ORDER BY at_micros DESC LIMIT :limit").bind("limit", limit)
                .map((rs, ctx) -> new SecurityEvent(instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7))).list());
    }
}
