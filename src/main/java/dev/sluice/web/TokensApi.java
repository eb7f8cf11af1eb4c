package dev.sluice.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.access.ApiTokens;
import dev.sluice.access.Identity;
import dev.sluice.access.Scope;
import dev.sluice.config.Durations;
import dev.sluice.store.AccountStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * API tokens, self-service (an account's password or one of its tokens) and for admins:
 * <pre>
 * POST   /tokens        {"description", "scopes": ["upload:project=acme-utils"], "expires": "90d", "user": (admins)}
 *                       201 {"id", "token", ...}: the token is shown this once
 * GET    /tokens        the caller's tokens (admins: ?user=NAME), never their secrets
 * DELETE /tokens/{id}   revokes one of the caller's tokens (admins: any)
 * </pre>
 * A token made with a token gets no scope its maker lacks, never outlives its maker and is revoked with it. Without
 * {@code scopes} a token may only read ({@link #DEFAULT_SCOPES}): uploading is asked for by name.
 */
final class TokensApi {
    /** Least privilege: a token made without naming scopes can read every route and do nothing else. */
    static final List<Scope> DEFAULT_SCOPES = List.of(Scope.READ);

    private final AccountStore store;
    private final ApiTokens tokens;
    private final Gatekeeper gatekeeper;
    private final Clock clock;

    TokensApi(AccountStore store, ApiTokens tokens, Gatekeeper gatekeeper, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.gatekeeper = gatekeeper;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.post("/tokens", this::create);
        routes.get("/tokens", this::list);
        routes.delete("/tokens/{id}", this::revoke);
    }

    private void create(Context ctx) throws Exception {
        Identity caller = gatekeeper.require(ctx, "Basic");
        JsonNode body = JsonBodies.object(ctx);
        String owner = ownerFor(ctx, caller, JsonBodies.text(body, "user"));
        AccountStore.Account account = store.account(owner).orElseThrow(() -> new JsonBodies.BadRequest("no account is named '" + owner + "'"));
        List<Scope> scopes = scopes(body);
        for (Scope scope : scopes) {
            if (!caller.admin() && !caller.scopes().contains(scope) && !coveredBy(caller, scope)) {
                throw gatekeeper.forbid(caller, ctx, "token create", owner, "a token may not get the scope '" + scope + "' its maker lacks");
            }
        }
        String expires = JsonBodies.text(body, "expires");
        Duration expiresIn;
        try {
            expiresIn = expires == null ? null : Durations.parse(expires);
        } catch (IllegalArgumentException e) {
            throw new JsonBodies.BadRequest("'expires': " + e.getMessage());
        }
        String description = JsonBodies.text(body, "description");
        ApiTokens.Created created;
        try {
            AccountStore.Token maker = caller.tokenId() == null ? null : store.token(caller.tokenId()).orElse(null);
            created = tokens.create(account, description == null ? "" : description.strip(), scopes, expiresIn, maker);
        } catch (IllegalArgumentException e) {
            throw gatekeeper.forbid(caller, ctx, "token create", owner, e.getMessage());
        }
        gatekeeper.log().allowed(caller.name(), ctx.ip(), "token create", owner + " " + created.id());
        JsonBodies.send(ctx, 201, describe(created.stored()).put("token", created.secret()));
    }

    /** Whether a scope the caller holds is at least as wide (upload covers upload:project=x). */
    private static boolean coveredBy(Identity caller, Scope wanted) {
        return caller.scopes().stream().anyMatch(s -> s.action() == wanted.action() && s.route() == null && s.project() == null);
    }

    private List<Scope> scopes(JsonNode body) {
        JsonNode scopes = body.get("scopes");
        if (scopes == null) {
            return DEFAULT_SCOPES;
        }
        if (!scopes.isArray() || scopes.isEmpty()) {
            throw new JsonBodies.BadRequest("'scopes' must be a non-empty list such as [\"read\", \"upload:project=acme-utils\"]");
        }
        List<Scope> out = new ArrayList<>();
        for (JsonNode s : scopes) {
            try {
                out.add(Scope.parse(s.asText()));
            } catch (IllegalArgumentException e) {
                throw new JsonBodies.BadRequest(e.getMessage());
            }
        }
        return out;
    }

    private String ownerFor(Context ctx, Identity caller, String requested) {
        if (requested == null || requested.equals(caller.name())) {
            return caller.name();
        }
        if (!caller.admin()) {
            throw gatekeeper.forbid(caller, ctx, "token", requested, "only admins manage other accounts' tokens");
        }
        return requested;
    }

    private void list(Context ctx) throws Exception {
        Identity caller = gatekeeper.require(ctx, "Basic");
        String owner = ownerFor(ctx, caller, ctx.queryParam("user"));
        ArrayNode list = JsonBodies.JSON.createArrayNode();
        store.tokens(owner).forEach(t -> list.add(describe(t)));
        JsonBodies.send(ctx, 200, JsonBodies.newObject().set("tokens", list));
    }

    private void revoke(Context ctx) throws Exception {
        Identity caller = gatekeeper.require(ctx, "Basic");
        String id = ctx.pathParam("id");
        AccountStore.Token token = store.token(id).orElse(null);
        if (token == null || !caller.admin() && !token.account().equals(caller.name())) {
            throw gatekeeper.forbid(caller, ctx, "token revoke", id, "no token of yours has the id '" + id + "'");
        }
        boolean changed = store.revokeToken(id, clock.instant());
        gatekeeper.log().allowed(caller.name(), ctx.ip(), "token revoke", token.account() + " " + id);
        JsonBodies.send(ctx, 200, JsonBodies.newObject().put("id", id).put("revoked", true).put("changed", changed));
    }

    private static ObjectNode describe(AccountStore.Token t) {
        ObjectNode o = JsonBodies.newObject().put("id", t.id()).put("user", t.account()).put("description", t.description());
        ArrayNode scopes = o.putArray("scopes");
        for (String s : t.scopes().split(" ")) {
            scopes.add(s);
        }
        o.put("created", t.created().toString());
        o.put("expires", t.expires() == null ? null : t.expires().toString());
        o.put("last_used", t.lastUsed() == null ? null : t.lastUsed().toString());
        o.put("revoked", t.revoked() == null ? null : t.revoked().toString());
        return o;
    }
}
