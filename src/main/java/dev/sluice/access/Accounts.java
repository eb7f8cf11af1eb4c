package dev.sluice.access;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Accounts and their tokens, as people ask for them: create an account (from the admin API or the command line),
 * make a token within its maker's rights, list and revoke tokens under their ownership rules. Every change and
 * every refusal is a security event; no secret is ever logged or kept.
 */
public final class Accounts {
    /** Least privilege: a token made without naming scopes can read every route and do nothing else. */
    public static final List<Scope> DEFAULT_SCOPES = List.of(Scope.READ);

    private final AccountStore store;
    private final ApiTokens tokens;
    private final SecurityLog log;
    private final Clock clock;

    public Accounts(AccountStore store, ApiTokens tokens, SecurityLog log, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.log = log;
        this.clock = clock;
    }

    /** What creating an account did: its name as stored, and whether it is new (false: the name was taken). */
    public record NewAccount(String name, boolean created) {}

    /**
     * Creates an account.
     *
     * @param password null for an account that signs in with tokens only
     * @param actor who asks, for the security log; {@code client} where from
     * @throws IllegalArgumentException saying what is wrong with the name or the password
     */
    public NewAccount createUser(String actor, String client, String requestedName, String password, boolean admin) {
        String name = AccountAuthenticator.accountName(requestedName);
        String hash;
        try {
            hash = password == null ? null : Passwords.hash(password);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the password is not usable: " + e.getMessage(), e);
        }
        if (!store.createAccount(name, hash, admin, clock.instant())) {
            return new NewAccount(name, false);
        }
        log.allowed(actor, client, "user create", name + (admin ? " (admin)" : ""));
        return new NewAccount(name, true);
    }

    /** An admin account made from the command line, and its first token (null when the name was taken). */
    public record NewAdmin(String name, ApiTokens.Created token) {}

    /**
     * Creates an admin account and its first admin token, for the command line that runs beside the data directory.
     *
     * @throws IllegalArgumentException saying what is wrong with the name or the password
     */
    public NewAdmin createAdminWithToken(String requestedName, String password) {
        NewAccount account = createUser("(command line)", "local", requestedName, password, true);
        if (!account.created()) {
            return new NewAdmin(account.name(), null);
        }
        return new NewAdmin(account.name(), tokens.create(store.account(account.name()).orElseThrow(), "made by 'sluice admin create'",
                List.of(Scope.ADMIN), null, null));
    }

    /** An account as admins list it: never its password hash, only whether it has one. */
    public record AccountView(String name, boolean admin, boolean disabled, boolean hasPassword, List<String> teams) {}

    public List<AccountView> accounts() {
        return store.accounts().stream().map(a -> new AccountView(a.name(), a.admin(), a.disabled(), a.passwordHash() != null,
                store.teamsOf(a.name()))).toList();
    }

    /**
     * Sets an account's password. @return false when there is no such account
     *
     * @throws IllegalArgumentException when the password is not usable
     */
    public boolean setPassword(String actor, String client, String name, String password) {
        return changed(store.setPassword(name, Passwords.hash(password)), actor, client, "user password", name);
    }

    /** Disables an account (its password and tokens stop working) or enables it. @return false when there is none */
    public boolean setDisabled(String actor, String client, String name, boolean disabled) {
        return changed(store.setDisabled(name, disabled), actor, client, disabled ? "user disable" : "user enable", name);
    }

    /** The teams an account belongs to (a role a team holds is its members'). */
    public List<String> teamsOf(String account) {
        return store.teamsOf(account);
    }

    /** @return whether the team is new */
    public boolean createTeam(String actor, String client, String team) {
        boolean created = store.createTeam(team, clock.instant());
        log.allowed(actor, client, "team create", team);
        return created;
    }

    /** @return false when the team or the account does not exist */
    public boolean addMember(String actor, String client, String team, String account) {
        if (!store.teamExists(team) || store.account(account).isEmpty()) {
            return false;
        }
        store.addMember(team, account);
        log.allowed(actor, client, "team add", team + " " + account);
        return true;
    }

    /** @return whether the account was a member */
    public boolean removeMember(String actor, String client, String team, String account) {
        boolean changed = store.removeMember(team, account);
        log.allowed(actor, client, "team remove", team + " " + account);
        return changed;
    }

    /**
     * Gives a project (in normal form) to one account or one team, whose members may then upload to it.
     *
     * @return false when that account or team does not exist
     */
    public boolean setOwner(String actor, String client, String project, AccountStore.Owner owner) {
        if (owner.account() != null && store.account(owner.account()).isEmpty() || owner.team() != null && !store.teamExists(owner.team())) {
            return false;
        }
        store.setOwner(project, owner, clock.instant());
        log.allowed(actor, client, "owner set", project + " " + (owner.account() != null ? "user " + owner.account() : "team " + owner.team()));
        return true;
    }

    /** Forgets a project's owner: its hosted name was released, and a new project of that name starts afresh. */
    public void forgetOwner(String project) {
        store.clearOwner(project);
    }

    /** Every hosted project's owner ("alice", or "team:physics"), by project name. */
    public java.util.SortedMap<String, String> owners() {
        java.util.SortedMap<String, String> owners = new java.util.TreeMap<>();
        store.owners().forEach((project, o) -> owners.put(project, o.account() != null ? o.account() : "team:" + o.team()));
        return owners;
    }

    /** The hosted projects an account may upload to: its own, and its teams'. */
    public List<String> projectsOf(String account) {
        List<String> teams = store.teamsOf(account);
        List<String> mine = new java.util.ArrayList<>();
        store.owners().forEach((project, o) -> {
            if (account.equals(o.account()) || o.team() != null && teams.contains(o.team())) {
                mine.add(project);
            }
        });
        return mine;
    }

    /** The newest security events first. */
    public List<AccountStore.SecurityEvent> securityEvents(int limit) {
        return store.events(limit);
    }

    private boolean changed(boolean changed, String actor, String client, String action, String name) {
        if (changed) {
            log.allowed(actor, client, action, name);
        }
        return changed;
    }

    /**
     * Makes a token for {@code owner} (the caller itself unless an admin asks for another account). A token gets no
     * scope its maker lacks; one made with a token never outlives that token and is revoked with it.
     *
     * @param scopes null for {@link #DEFAULT_SCOPES}
     * @param expiresIn null for no expiry of its own
     * @throws AccessRefused 403 (recorded) for a scope beyond the caller's rights or another's account
     * @throws IllegalArgumentException when the owner has no account
     */
    public ApiTokens.Created createToken(Identity caller, String client, String owner, String description, List<Scope> scopes,
            Duration expiresIn) {
        String forWhom = owner(caller, client, owner);
        AccountStore.Account account = store.account(forWhom)
                .orElseThrow(() -> new IllegalArgumentException("no account is named '" + forWhom + "'"));
        List<Scope> wanted = scopes == null ? DEFAULT_SCOPES : scopes;
        for (Scope scope : wanted) {
            if (!caller.admin() && !caller.scopes().contains(scope) && !coveredBy(caller, scope)) {
                throw log.forbidden(caller.name(), client, "token create", forWhom, "a token may not get the scope '" + scope + "' its maker lacks");
            }
        }
        ApiTokens.Created created;
        try {
            AccountStore.Token maker = caller.tokenId() == null ? null : store.token(caller.tokenId()).orElse(null);
            created = tokens.create(account, description == null ? "" : description.strip(), wanted, expiresIn, maker);
        } catch (IllegalArgumentException e) {
            throw log.forbidden(caller.name(), client, "token create", forWhom, e.getMessage());
        }
        log.allowed(caller.name(), client, "token create", forWhom + " " + created.id());
        return created;
    }

    /** The tokens of {@code owner} (the caller's own unless an admin asks), never their secrets. */
    public List<AccountStore.Token> tokensOf(Identity caller, String client, String owner) {
        return store.tokens(owner(caller, client, owner));
    }

    /**
     * Revokes one of the caller's tokens (an admin: any), and every token made with it.
     *
     * @return whether it was not revoked before
     * @throws AccessRefused 403 (recorded) when the caller has no token of that id
     */
    public boolean revokeToken(Identity caller, String client, String id) {
        AccountStore.Token token = store.token(id).orElse(null);
        if (token == null || !caller.admin() && !token.account().equals(caller.name())) {
            throw log.forbidden(caller.name(), client, "token revoke", id, "no token of yours has the id '" + id + "'");
        }
        boolean changed = store.revokeToken(id, clock.instant());
        log.allowed(caller.name(), client, "token revoke", token.account() + " " + id);
        return changed;
    }

    private String owner(Identity caller, String client, String requested) {
        if (requested == null || requested.equals(caller.name())) {
            return caller.name();
        }
        if (!caller.admin()) {
            throw log.forbidden(caller.name(), client, "token", requested, "only admins manage other accounts' tokens");
        }
        return requested;
    }

    /** Whether a scope the caller holds is at least as wide (upload covers upload:project=x). */
    private static boolean coveredBy(Identity caller, Scope wanted) {
        return caller.scopes().stream().anyMatch(s -> s.action() == wanted.action() && s.route() == null && s.project() == null);
    }
}
