package dev.sluice.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.access.Callers;
import dev.sluice.app.LiveGraph;
import dev.sluice.hosted.Hosting;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.Resource;
import dev.sluice.pep.CoreMetadata;
import dev.sluice.pep.InvalidMetadataException;
import java.io.IOException;
import java.io.InputStream;
import dev.sluice.http.FileUrls;
import dev.sluice.http.JavalinExchange;
import dev.sluice.http.JsonBodies;
import dev.sluice.http.Timestamps;
import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.pep.ProjectName;
import dev.sluice.vulnerabilities.Vulnerabilities;
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
 * {@code vulnerabilities} and {@code last_serial}. It shows what a route serves, through the route's graph (its
 * gates, refusals and provenance included): {@code /pypi/} the default route's, {@code /indexes/<name>/pypi/} that
 * route's. File URLs point into the route.
 */
final class WarehouseJsonApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Core metadata larger than this is not read for {@code info} (a METADATA file's limit). */
    private static final int MAX_METADATA_BYTES = 16 << 20;

    private final LiveGraph live;
    private final Hosting hosting;
    private final Callers callers;
    private final Clock clock;
    private final Vulnerabilities vulnerabilities;

    WarehouseJsonApi(LiveGraph live, Hosting hosting, Callers callers, Clock clock, Vulnerabilities vulnerabilities) {
        this.live = live;
        this.vulnerabilities = vulnerabilities;
        this.hosting = hosting;
        this.callers = callers;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get("/pypi/{project}/json", ctx -> answer(ctx, Endpoints.SIMPLE, null));
        routes.get("/pypi/{project}/{version}/json", ctx -> answer(ctx, Endpoints.SIMPLE, ctx.pathParam("version")));
        routes.get("/indexes/{route}/pypi/{project}/json",
                ctx -> answer(ctx, "/indexes/" + ctx.pathParam("route") + "/simple/", null));
        routes.get("/indexes/{route}/pypi/{project}/{version}/json",
                ctx -> answer(ctx, "/indexes/" + ctx.pathParam("route") + "/simple/", ctx.pathParam("version")));
    }

    private void answer(Context ctx, String routePath, String requestedVersion) throws Exception {
        String raw = ctx.pathParam("project");
        RouteCall call = RouteCall.to(routePath, live, new JavalinExchange(ctx), callers, clock);
        if (call == null || !ProjectName.isValid(raw)) {
            JsonBodies.send(ctx, 404, JSON.createObjectNode().put("message", "Not Found"));
            return;
        }
        ProjectName name = ProjectName.of(raw);
        String apiBase = routePath.substring(0, routePath.length() - "simple/".length()) + "pypi/";
        if (!raw.equals(name.value())) {
            ctx.redirect(apiBase + name + (requestedVersion == null ? "" : "/" + requestedVersion) + "/json",
                    HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        Repository repository = call.repository();
        RequestContext context = call.context();
        ProjectPage page;
        try {
            page = repository.project(name, context);
        } catch (ProjectNotFound e) {
            JsonBodies.send(ctx, 404, JSON.createObjectNode().put("message", "Not Found"));
            return;
        }
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
        String base = routePath + name + "/";
        ObjectNode root = JSON.createObjectNode();
        root.set("info", info(page, version.get(), releases.get(version.get()), repository, context));
        root.put("last_serial", page.lastSerial());
        if (requestedVersion == null) {
            ObjectNode all = root.putObject("releases");
            releases.forEach((v, files) -> all.set(v, files(files, base)));
        }
        root.set("urls", files(releases.get(version.get()), base));
        root.set("vulnerabilities", vulnerabilities.warehouseList(name, version.get()));
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

    private JsonNode info(ProjectPage page, String version, List<DistributionFile> files, Repository repository,
            RequestContext context) throws Exception {
        ObjectNode info = (ObjectNode) JSON.readTree(releaseMetadata(page, version, files, repository, context));
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

    /**
     * The release's core metadata as {@code info} shows it: what the upload gave for a hosted release, else a wheel's
     * PEP 658 metadata read through the route (fetched and kept by a proxy like any), else nothing.
     */
    private String releaseMetadata(ProjectPage page, String version, List<DistributionFile> files, Repository repository,
            RequestContext context) {
        Optional<String> hosted = hosting.releaseMetadataJson(page.name(), version);
        if (hosted.isPresent()) {
            return hosted.get();
        }
        for (DistributionFile file : files) {
            if (!file.coreMetadata()) {
                continue;
            }
            Resource metadata = repository.metadata(page.name(), file.filename(), context);
            try (InputStream in = metadata.openStream(0, -1)) {
                byte[] bytes = in.readNBytes(MAX_METADATA_BYTES + 1);
                if (bytes.length <= MAX_METADATA_BYTES) {
                    return Hosting.releaseMetadataJson(CoreMetadata.parse(bytes));
                }
            } catch (IOException | InvalidMetadataException unreadable) {
                // another file of the release may say it; else info shows only what the page says
            }
        }
        return "{}";
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
