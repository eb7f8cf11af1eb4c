package dev.sluice.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.util.Durations;
import dev.sluice.http.JsonBodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
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
 * The rules are {@link Accounts}': a token gets no scope its maker lacks, one made with a token never outlives it and
 * is revoked with it, and without {@code scopes} a token may only read.
 */
public final class TokensApi {
    private final Accounts accounts;
    private final Callers callers;

    public TokensApi(Accounts accounts, Callers callers) {
        this.accounts = accounts;
        this.callers = callers;
    }

    public void register(RoutesConfig routes) {
        routes.post("/tokens", this::create);
        routes.get("/tokens", this::list);
        routes.delete("/tokens/{id}", this::revoke);
    }

    private void create(Context ctx) throws Exception {
        Identity caller = callers.require(ctx, "Basic");
        JsonNode body = JsonBodies.object(ctx);
        String expires = JsonBodies.text(body, "expires");
        Duration expiresIn;
        try {
            expiresIn = expires == null ? null : Durations.parse(expires);
        } catch (IllegalArgumentException e) {
            throw new JsonBodies.BadRequest("'expires': " + e.getMessage());
        }
        ApiTokens.Created created;
        try {
            created = accounts.createToken(caller, ctx.ip(), JsonBodies.text(body, "user"), JsonBodies.text(body, "description"),
                    scopes(body), expiresIn);
        } catch (IllegalArgumentException e) {
            throw new JsonBodies.BadRequest(e.getMessage());
        }
        JsonBodies.send(ctx, 201, describe(created.stored()).put("token", created.secret()));
    }

    /** The scopes asked for, or null when none were named. */
    private static List<Scope> scopes(JsonNode body) {
        JsonNode scopes = body.get("scopes");
        if (scopes == null) {
            return null;
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

    private void list(Context ctx) throws Exception {
        Identity caller = callers.require(ctx, "Basic");
        ArrayNode list = JsonBodies.JSON.createArrayNode();
        accounts.tokensOf(caller, ctx.ip(), ctx.queryParam("user")).forEach(t -> list.add(describe(t)));
        JsonBodies.send(ctx, 200, JsonBodies.newObject().set("tokens", list));
    }

    private void revoke(Context ctx) throws Exception {
        Identity caller = callers.require(ctx, "Basic");
        String id = ctx.pathParam("id");
        boolean changed = accounts.revokeToken(caller, ctx.ip(), id);
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
