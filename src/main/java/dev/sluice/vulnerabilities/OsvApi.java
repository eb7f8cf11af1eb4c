package dev.sluice.vulnerabilities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.http.JsonBodies;
import dev.sluice.pep.ProjectName;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OSV API over the advisories imported here, so that OSV clients (osv-scanner, pip-audit's OSV service) can use
 * Sluice as their OSV server inside a closed network. Same paths, shapes and errors as api.osv.dev:
 * <pre>
 * POST /v1/query       {"package": {"name", "ecosystem"} | {"purl"}, "version"}  →  {"vulns": [full records]}, or {}
 * POST /v1/querybatch  {"queries": [query, ...]}  →  {"results": [{"vulns": [{"id", "modified"}]}, {}, ...]}
 * GET  /v1/vulns/{id}  the record  (404 {"code": 5, "message": "Bug not found."})
 * </pre>
 * Times are as protobuf writes them (what api.osv.dev answers): UTC, with 0, 3, 6 or 9 fraction digits.
 * Errors are gRPC-style bodies: {@code {"code": 3, "message": ...}} with 400. Only the PyPI ecosystem is held here;
 * a query for another ecosystem finds nothing; a query by {@code commit} is refused (GIT ranges are not matched).
 */
final class OsvApi {
    private static final int INVALID_ARGUMENT = 3;
    private static final int NOT_FOUND = 5;
    private static final int MAX_BATCH = 1_000;

    private final Vulnerabilities vulnerabilities;

    OsvApi(Vulnerabilities vulnerabilities) {
        this.vulnerabilities = vulnerabilities;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/query", this::query);
        routes.post("/v1/querybatch", this::queryBatch);
        routes.get("/v1/vulns/{id}", this::vuln);
    }

    /** A query reduced to what matching needs: the project (null when it cannot be here) and the version (or null). */
    private record Query(ProjectName project, String version) {}

    private static final class InvalidQuery extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidQuery(String message) {
            super(message, null, false, false);
        }
    }

    private void query(Context ctx) throws IOException {
        Query q;
        try {
            q = read(body(ctx));
        } catch (InvalidQuery e) {
            error(ctx, 400, INVALID_ARGUMENT, e.getMessage());
            return;
        }
        List<String> ids = matching(q);
        ObjectNode answer = JsonBodies.newObject();
        if (!ids.isEmpty()) {
            Map<String, String> records = vulnerabilities.store().json(ids);
            ArrayNode vulns = answer.putArray("vulns");
            ids.forEach(id -> vulns.add(Vulnerabilities.parse(records.get(id))));
        }
        JsonBodies.send(ctx, 200, answer);
    }

    private void queryBatch(Context ctx) throws IOException {
        JsonNode body;
        try {
            body = body(ctx);
        } catch (InvalidQuery e) {
            error(ctx, 400, INVALID_ARGUMENT, e.getMessage());
            return;
        }
        JsonNode queries = body.get("queries");
        if (queries != null && !queries.isArray()) {
            error(ctx, 400, INVALID_ARGUMENT, "Invalid query.");
            return;
        }
        if (queries != null && queries.size() > MAX_BATCH) {
            error(ctx, 400, INVALID_ARGUMENT, "Too many queries.");
            return;
        }
        List<Query> parsed = new ArrayList<>();
        for (JsonNode q : queries == null ? List.<JsonNode>of() : queries) {
            try {
                parsed.add(read(q));
            } catch (InvalidQuery e) {
                error(ctx, 400, INVALID_ARGUMENT, e.getMessage());
                return;
            }
        }
        Map<Query, List<String>> found = new LinkedHashMap<>();
        parsed.forEach(q -> found.computeIfAbsent(q, this::matching));
        Map<String, Instant> modified = vulnerabilities.store()
                .modified(found.values().stream().flatMap(List::stream).distinct().toList());
        ObjectNode answer = JsonBodies.newObject();
        ArrayNode results = answer.putArray("results");
        for (Query q : parsed) {
            ObjectNode result = results.addObject();
            List<String> ids = found.get(q);
            if (!ids.isEmpty()) {
                ArrayNode vulns = result.putArray("vulns");
                ids.forEach(id -> vulns.addObject().put("id", id).put("modified", modified.get(id).toString()));
            }
        }
        JsonBodies.send(ctx, 200, answer);
    }

    private void vuln(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        String json = vulnerabilities.store().json(List.of(id)).get(id);
        if (json == null) {
            error(ctx, 404, NOT_FOUND, "Bug not found.");
            return;
        }
        ctx.status(200).contentType("application/json").result(json);
    }

    /** Every record in force matching, by id (all records of a vulnerability: OSV lists aliases as their own ids). */
    private List<String> matching(Query q) {
        if (q.project() == null) {
            return List.of();
        }
        AdvisoryIndex index = vulnerabilities.index();
        if (q.version() == null) {
            return index.ofProject(q.project()).stream().map(Advisory::id).sorted().toList();
        }
        return index.ofProject(q.project()).stream()
                .filter(a -> AdvisoryIndex.affects(a, q.project(), q.version())).map(Advisory::id).sorted().toList();
    }

    private static JsonNode body(Context ctx) throws InvalidQuery {
        try {
            return JsonBodies.object(ctx);
        } catch (JsonBodies.BadRequest e) {
            throw new InvalidQuery("Invalid query.");
        }
    }

    private static Query read(JsonNode q) throws InvalidQuery {
        if (q == null || !q.isObject()) {
            throw new InvalidQuery("Invalid query.");
        }
        String version = OsvRecordParser.text(q, "version");
        if (q.hasNonNull("commit")) {
            if (version != null) {
                throw new InvalidQuery("Invalid query.");
            }
            throw new InvalidQuery("Commit queries are not supported: this server matches PyPI versions only.");
        }
        JsonNode pkg = q.get("package");
        if (pkg == null || !pkg.isObject()) {
            throw new InvalidQuery("Invalid query.");
        }
        String purl = OsvRecordParser.text(pkg, "purl");
        String name = OsvRecordParser.text(pkg, "name");
        String ecosystem = OsvRecordParser.text(pkg, "ecosystem");
        if (purl != null) {
            if (name != null || ecosystem != null) {
                throw new InvalidQuery("ecosystem and name specified in purl");
            }
            Purl p = Purl.parse(purl);
            if (p == null) {
                throw new InvalidQuery("Invalid Package URL.");
            }
            if (p.version() != null && version != null) {
                throw new InvalidQuery("version specified in params and purl query");
            }
            return new Query(p.pypi() && ProjectName.isValid(p.name()) ? ProjectName.of(p.name()) : null,
                    p.version() != null ? p.version() : version);
        }
        if (name == null || name.isEmpty()) {
            throw new InvalidQuery("Invalid query.");
        }
        boolean pypi = ecosystem == null || ecosystem.equals("PyPI");
        return new Query(pypi && ProjectName.isValid(name) ? ProjectName.of(name) : null, version);
    }

    /** {@code pkg:pypi/name@version}: the part of the Package URL spec a PyPI query uses. */
    private record Purl(boolean pypi, String name, String version) {
        static Purl parse(String text) {
            if (!text.startsWith("pkg:")) {
                return null;
            }
            String rest = text.substring(4).replaceAll("[?#].*$", "");
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                return null;
            }
            String type = rest.substring(0, slash).toLowerCase(java.util.Locale.ROOT);
            String path = rest.substring(slash + 1);
            int at = path.lastIndexOf('@');
            String name = java.net.URLDecoder.decode(at < 0 ? path : path.substring(0, at), java.nio.charset.StandardCharsets.UTF_8);
            String version = at < 0 ? null : java.net.URLDecoder.decode(path.substring(at + 1), java.nio.charset.StandardCharsets.UTF_8);
            return name.isEmpty() ? null : new Purl(type.equals("pypi"), name, version);
        }
    }

    private static void error(Context ctx, int status, int code, String message) throws IOException {
        JsonBodies.send(ctx, status, JsonBodies.newObject().put("code", code).put("message", message));
    }
}
