package dev.sluice.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sluice.http.JsonBodies;
import dev.sluice.pep.ProjectName;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Accounts, teams and project owners, for admins:
 * <pre>
 * POST /admin/users                        {"name", "password" (optional: tokens only), "admin": false}
 * GET  /admin/users                        names, admin, disabled, teams
 * POST /admin/users/{name}/password        {"password"}
 * POST /admin/users/{name}/disable|enable
 * POST /admin/teams                        {"name"}
 * POST /admin/teams/{team}/members         {"user"}
 * DELETE /admin/teams/{team}/members/{user}
 * PUT  /admin/projects/{project}/owner     {"user"} or {"team"}
 * GET  /admin/security-events?limit=N      the newest first
 * </pre>
 */
public final class AccountsApi {
    private final Accounts accounts;
    private final Callers callers;

    public AccountsApi(Accounts accounts, Callers callers) {
        this.accounts = accounts;
        this.callers = callers;
    }

    public void register(RoutesConfig routes) {
        routes.post("/admin/users", this::createUser);
        routes.get("/admin/users", this::listUsers);
        routes.post("/admin/users/{name}/{action}", this::changeUser);
        routes.post("/admin/teams", this::createTeam);
        routes.post("/admin/teams/{team}/members", this::addMember);
        routes.delete("/admin/teams/{team}/members/{user}", this::removeMember);
        routes.put("/admin/projects/{project}/owner", this::setOwner);
        routes.get("/admin/security-events", this::events);
    }

    private void createUser(Context ctx) throws Exception {
        Identity admin = callers.requireAdmin(ctx);
        JsonNode body = JsonBodies.object(ctx);
        String requested = JsonBodies.text(body, "name");
        if (requested == null) {
            throw new JsonBodies.BadRequest("a name is required");
        }
        boolean isAdmin = body.path("admin").asBoolean(false);
        Accounts.NewAccount account;
        try {
            account = accounts.createUser(admin.name(), ctx.ip(), requested, JsonBodies.text(body, "password"), isAdmin);
        } catch (IllegalArgumentException e) {
            throw new JsonBodies.BadRequest(e.getMessage());
        }
        if (!account.created()) {
            JsonBodies.send(ctx, 409, JsonBodies.newObject().put("error", "an account named '" + account.name() + "' exists"));
            return;
        }
        JsonBodies.send(ctx, 201, JsonBodies.newObject().put("name", account.name()).put("admin", isAdmin));
    }

    private void listUsers(Context ctx) throws Exception {
        callers.requireAdmin(ctx);
        ArrayNode users = JsonBodies.JSON.createArrayNode();
        for (Accounts.AccountView a : accounts.accounts()) {
            ArrayNode teams = users.addObject().put("name", a.name()).put("admin", a.admin()).put("disabled", a.disabled())
                    .put("password", a.hasPassword()).putArray("teams");
            a.teams().forEach(teams::add);
        }
        JsonBodies.send(ctx, 200, JsonBodies.newObject().set("users", users));
    }

    private void changeUser(Context ctx) throws Exception {
        Identity admin = callers.requireAdmin(ctx);
        String name = name(ctx.pathParam("name"));
        String action = ctx.pathParam("action");
        boolean changed = switch (action) {
            case "password" -> {
                String password = JsonBodies.text(JsonBodies.object(ctx), "password");
                if (password == null) {
                    throw new JsonBodies.BadRequest("'password' is required");
                }
                try {
                    yield accounts.setPassword(admin.name(), ctx.ip(), name, password);
                } catch (IllegalArgumentException e) {
                    throw new JsonBodies.BadRequest(e.getMessage());
                }
            }
            case "disable" -> accounts.setDisabled(admin.name(), ctx.ip(), name, true);
            case "enable" -> accounts.setDisabled(admin.name(), ctx.ip(), name, false);
            default -> throw new JsonBodies.BadRequest("unknown action '" + action + "': expected password, disable or enable");
        };
        if (!changed) {
            JsonBodies.send(ctx, 404, JsonBodies.newObject().put("error", "no account is named '" + name + "'"));
            return;
        }
        JsonBodies.send(ctx, 200, JsonBodies.newObject().put("name", name).put("action", action));
    }

    private void createTeam(Context ctx) throws Exception {
        Identity admin = callers.requireAdmin(ctx);
        String team = name(JsonBodies.text(JsonBodies.object(ctx), "name"));
        boolean created = accounts.createTeam(admin.name(), ctx.ip(), team);
        JsonBodies.send(ctx, created ? 201 : 200, JsonBodies.newObject().put("name", team).put("created", created));
    }

    private void addMember(Context ctx) throws Exception {
        Identity admin = callers.requireAdmin(ctx);
        String team = name(ctx.pathParam("team"));
        String user = name(JsonBodies.text(JsonBodies.object(ctx), "user"));
        if (!accounts.addMember(admin.name(), ctx.ip(), team, user)) {
            JsonBodies.send(ctx, 404, JsonBodies.newObject().put("error", "no team '" + team + "' or no account '" + user + "'"));
            return;
        }
        JsonBodies.send(ctx, 200, JsonBodies.newObject().put("team", team).put("user", user));
    }

    private void removeMember(Context ctx) throws Exception {
        Identity admin = callers.requireAdmin(ctx);
        String team = name(ctx.pathParam("team"));
        String user = name(ctx.pathParam("user"));
        boolean changed = accounts.removeMember(admin.name(), ctx.ip(), team, user);
        JsonBodies.send(ctx, changed ? 200 : 404, JsonBodies.newObject().put("team", team).put("user", user).put("changed", changed));
    }

    private void setOwner(Context ctx) throws Exception {
        Identity admin = callers.requireAdmin(ctx);
        String raw = ctx.pathParam("project");
        if (!ProjectName.isValid(raw)) {
            throw new JsonBodies.BadRequest("'" + raw + "' is not a valid project name");
        }
        ProjectName project = ProjectName.of(raw);
        JsonNode body = JsonBodies.object(ctx);
        String user = JsonBodies.text(body, "user");
        String team = JsonBodies.text(body, "team");
        if ((user == null) == (team == null)) {
            throw new JsonBodies.BadRequest("name either a \"user\" or a \"team\"");
        }
        AccountStore.Owner owner = new AccountStore.Owner(user == null ? null : name(user), team == null ? null : name(team));
        if (!accounts.setOwner(admin.name(), ctx.ip(), project.value(), owner)) {
            JsonBodies.send(ctx, 404, JsonBodies.newObject().put("error", "no such " + (user != null ? "account" : "team")));
            return;
        }
        JsonBodies.send(ctx, 200, JsonBodies.newObject().put("project", project.value()).put("user", user).put("team", team));
    }

    private void events(Context ctx) throws Exception {
        callers.requireAdmin(ctx);
        int limit;
        try {
            limit = Math.min(10_000, Math.max(1, Integer.parseInt(ctx.queryParamAsClass("limit", String.class).getOrDefault("100"))));
        } catch (NumberFormatException e) {
            throw new JsonBodies.BadRequest("'limit' must be a number");
        }
        ArrayNode events = JsonBodies.JSON.createArrayNode();
        for (AccountStore.SecurityEvent e : accounts.securityEvents(limit)) {
            events.addObject().put("at", e.at().toString()).put("actor", e.actor()).put("client", e.client())
                    .put("action", e.action()).put("target", e.target()).put("outcome", e.outcome()).put("reason", e.reason());
        }
        JsonBodies.send(ctx, 200, JsonBodies.newObject().set("events", events));
    }

    private static String name(String text) {
        if (text == null) {
            throw new JsonBodies.BadRequest("a name is required");
        }
        try {
            return AccountAuthenticator.accountName(text);
        } catch (IllegalArgumentException e) {
            throw new JsonBodies.BadRequest(e.getMessage());
        }
    }
}
