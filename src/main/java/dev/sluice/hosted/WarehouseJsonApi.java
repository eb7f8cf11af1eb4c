package dev.sluice.hosted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.access.Callers;
import dev.sluice.http.FileUrls;
import dev.sluice.http.JavalinExchange;
import dev.sluice.http.JsonBodies;
import dev.sluice.http.Timestamps;
import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PyPI's JSON API ({@code /pypi/<project>/json} and {@code /pypi/<project>/<version>/json}), read by
 * pip-audit, bots and IDEs: {@code info} (the release's core metadata), {@code releases}, {@code urls},
 * {@code vulnerabilities} and {@code last_serial}. File URLs point into the simple route that serves them.
 */
final class WarehouseJsonApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Repository repository;
    private final HostedCatalog catalog;
    private final String simpleBase;
    private final Callers callers;
    private final Clock clock;

    WarehouseJsonApi(Repository repository, HostedCatalog catalog, String simpleBase, Callers callers, Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.simpleBase = simpleBase;
        this.callers = callers;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get("/pypi/{project}/json", ctx -> answer(ctx, null));
        routes.get("/pypi/{project}/{version}/json", ctx -> answer(ctx, ctx.pathParam("version")));
    }

    private void answer(Context ctx, String requestedVersion) throws Exception {
        String raw = ctx.pathParam("project");
        if (!ProjectName.isValid(raw)) {
            JsonBodies.send(ctx, 404, JSON.createObjectNode().put("message", "Not Found"));
            return;
        }
        ProjectName name = ProjectName.of(raw);
        if (!raw.equals(name.value())) {
            ctx.redirect("/pypi/" + name + (requestedVersion == null ? "" : "/" + requestedVersion) + "/json",
                    HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        ProjectPage page = repository.project(name, new RequestContext(callers.identify(new JavalinExchange(ctx), "Basic"),
                "simple", ctx.ip(), clock.instant()));
        Map<String, List<DistributionFile>> releases = new LinkedHashMap<>();
        for (DistributionFile f : page.files()) {
            releases.computeIfAbsent(f.version(), v -> new java.util.ArrayList<>()).add(f);
        }
        Optional<String> version = requestedVersion == null ? latest(releases)
                : releases.keySet().stream().filter(v -> Version.isValid(requestedVersion)
                        && Version.parse(v).equals(Version.parse(requestedVersion))).findFirst();
        if (version.isEmpty()) {
            JsonBodies.send(ctx, 404, JSON.createObjectNode().put("message", "Not Found"));
            return;
        }
        // Root-relative: the Host header is the client's to write, so it must never become a URL others are given.
        String base = simpleBase + name + "/";
        ObjectNode root = JSON.createObjectNode();
        root.set("info", info(page, version.get(), releases.get(version.get())));
        root.put("last_serial", page.lastSerial());
        if (requestedVersion == null) {
            ObjectNode all = root.putObject("releases");
            releases.forEach((v, files) -> all.set(v, files(files, base)));
        }
        root.set("urls", files(releases.get(version.get()), base));
        root.putArray("vulnerabilities");
        ctx.header("X-PyPI-Last-Serial", Long.toString(page.lastSerial()));
        ctx.contentType("application/json").result(JSON.writeValueAsBytes(root));
    }

    /** The newest version that is neither a pre-release nor wholly yanked, else the newest of all, as PyPI picks. */
    private static Optional<String> latest(Map<String, List<DistributionFile>> releases) {
        Comparator<String> byVersion = Comparator.comparing(Version::parse);
        Optional<String> stable = releases.entrySet().stream()
                .filter(e -> !Version.parse(e.getKey()).isPrerelease())
                .filter(e -> e.getValue().stream().anyMatch(f -> !f.yanked()))
                .map(Map.Entry::getKey).max(byVersion);
        return stable.isPresent() ? stable : releases.keySet().stream().max(byVersion);
    }

    private JsonNode info(ProjectPage page, String version, List<DistributionFile> files) throws Exception {
        ObjectNode info = (ObjectNode) JSON.readTree(catalog.releaseMetadataJson(page.name().value(), version).orElse("{}"));
        info.put("name", page.displayName());
        info.put("version", version);
        JsonNode requires = info.get("requires_dist");
        if (requires == null || requires.isEmpty()) {
            info.putNull("requires_dist");
        }
        boolean yanked = files.stream().allMatch(DistributionFile::yanked);
        info.put("yanked", yanked);
        info.put("yanked_reason", yanked ? files.get(0).yankReason() : null);
        String projectUrl = "/pypi/" + page.name() + "/";
        info.put("package_url", projectUrl);
        info.put("project_url", projectUrl);
        info.put("release_url", projectUrl + version + "/");
        return info;
    }

    private static ArrayNode files(List<DistributionFile> files, String base) {
        ArrayNode array = JSON.createArrayNode();
        for (DistributionFile f : files) {
            ObjectNode o = array.addObject();
            o.put("comment_text", "");
            o.putObject("digests").put("blake2b_256", f.blake2b256()).put("md5", f.md5()).put("sha256", f.sha256());
            o.put("downloads", -1);
            o.put("filename", f.filename());
            o.put("has_sig", false);
            o.put("md5_digest", f.md5());
            o.put("packagetype", f.packagetype());
            o.put("python_version", f.pythonVersion());
            o.put("requires_python", f.requiresPython());
            o.put("size", f.size());
            o.put("upload_time", Timestamps.legacy(f.uploadTime()));
            o.put("upload_time_iso_8601", Timestamps.iso(f.uploadTime()));
            o.put("url", base + FileUrls.relative(f.filename()));
            o.put("yanked", f.yanked());
            o.put("yanked_reason", f.yanked() && f.yankReason() != null && !f.yankReason().isEmpty() ? f.yankReason() : null);
        }
        return array;
    }
}
