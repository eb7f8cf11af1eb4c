package dev.sluice.bundle;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.Refused;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.Resource;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Requirement;
import dev.sluice.pep.SdistFilename;
import dev.sluice.pep.Version;
import dev.sluice.pep.WheelFilename;
import dev.sluice.util.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Makes a bundle from one route: first a {@link Plan} (the requirements resolved for each target, whole projects
 * added, every file's index facts and core metadata, the advisories, the signed manifest), in memory and small; then
 * the bundle written from it, each distribution streamed from the route into the tar. An export that cannot be
 * resolved fails before a byte is written.
 */
final class BundleExport {
    /**
     * What to export.
     *
     * @param requirements a requirements file's text (may be empty)
     * @param projects lines of {@code NAME[SPECIFIER]}: every file of the matching versions that installs on a target
     */
    record Request(String route, String requirements, String projects, List<TargetEnvironment> targets, boolean allowSdist,
            Since since) {}

    /**
     * What an incremental export carries: every file of the projects the route changed after a serial (each project's
     * last serial is later), or every file uploaded at or after a time.
     */
    record Since(Long serial, Instant time) {}

    /** The most projects {@code --since} walks: a proxy route lists its upstream's every name. */
    static final int MAX_SINCE_PROJECTS = 50_000;

    /** One distribution to carry, as the route's page shows it. */
    record Planned(ProjectName project, DistributionFile file) {}

    /** Everything about a bundle but its distributions' bytes. */
    record Plan(Manifest manifest, byte[] manifestJson, byte[] signature, Map<String, byte[]> small, List<Planned> files) {
        long bytes() {
            return files.stream().mapToLong(p -> Math.max(0, p.file().size())).sum();
        }
    }

    /** Where the OSV records of the bundled projects come from. */
    interface AdvisorySource {
        Map<String, String> recordsOf(Collection<ProjectName> projects);
    }

    private final SigningKey key;
    private final AdvisorySource advisories;

    BundleExport(SigningKey key, AdvisorySource advisories) {
        this.key = key;
        this.advisories = advisories;
    }

    /**
     * @throws ResolutionImpossible when a target's requirements cannot be met
     * @throws IllegalArgumentException when the request is malformed (the message says where)
     */
    Plan plan(Request request, Repository route, RequestContext context, Instant now) throws IOException {
        if (request.targets().isEmpty()) {
            throw new IllegalArgumentException("name at least one target: --python and --platform");
        }
        List<Requirement> requirements = RequirementsText.parse(request.requirements() == null ? "" : request.requirements());
        List<Requirement> projects = RequirementsText.parse(request.projects() == null ? "" : request.projects());
        if (requirements.isEmpty() && projects.isEmpty() && request.since() == null) {
            throw new IllegalArgumentException("nothing to export: give requirements (-r), projects (--projects) or --since");
        }
        RouteCandidates index = new RouteCandidates(route, context);
        Map<String, Planned> chosen = new TreeMap<>();
        if (!requirements.isEmpty()) {
            for (TargetEnvironment target : request.targets()) {
                new Resolver(index, target, request.allowSdist()).resolve(requirements).files()
                        .forEach(c -> chosen.put(c.file().filename(), new Planned(c.project(), c.file())));
            }
        }
        for (Requirement whole : projects) {
            for (DistributionFile f : index.page(whole.projectName()).files()) {
                if (fits(f, whole.projectName(), request) && whole.specifier().contains(version(f, whole.projectName()), true)) {
                    chosen.putIfAbsent(f.filename(), new Planned(whole.projectName(), f));
                }
            }
        }
        ProjectList listed = null;
        try {
            listed = route.projects(context);
        } catch (dev.sluice.index.RepositoryException e) {
            if (request.since() != null) {
                throw e; // --since walks the list: without it there is nothing to walk
            }
        }
        if (request.since() != null) {
            changedSince(index, listed, request, chosen);
        }
        List<Planned> files = known(index, route, context, chosen.values());
        Map<String, byte[]> metadata = new LinkedHashMap<>();
        Map<ProjectName, List<DistributionFile>> byProject = new TreeMap<>();
        for (Planned p : files) {
            DistributionFile f = p.file();
            if (f.coreMetadata()) {
                byte[] bytes = index.metadataBytes(p.project(), f);
                metadata.put("metadata/" + f.filename() + ".metadata", bytes);
                f = f.withCoreMetadata(Digests.sha256Hex(bytes));
            }
            byProject.computeIfAbsent(p.project(), n -> new ArrayList<>()).add(f);
        }
        // The small members in the order they are written: index facts, core metadata, advisories.
        Map<String, byte[]> small = new LinkedHashMap<>();
        byProject.forEach((project, list) -> small.put("index/" + project + ".json",
                new IndexFacts(index.page(project).displayName(), list).toJson()));
        small.putAll(metadata);
        Map<String, String> records = advisories.recordsOf(byProject.keySet());
        if (!records.isEmpty()) {
            small.put(Manifest.ADVISORIES, zip(records));
        }
        List<Manifest.Member> members = new ArrayList<>();
        small.forEach((path, bytes) -> members.add(new Manifest.Member(path, Digests.sha256Hex(bytes))));
        files.forEach(p -> members.add(new Manifest.Member("files/" + p.file().filename(), p.file().sha256())));
        List<String> lines = new ArrayList<>();
        requirements.forEach(r -> lines.add(r.toString()));
        projects.forEach(r -> lines.add("project " + r));
        // The route's serial, for the next --since (unknown, -1, when the route cannot list its projects now).
        Manifest manifest = new Manifest(Manifest.FORMAT, now, key.publicText(), request.route(), listed == null ? -1 : listed.lastSerial(),
                request.targets().stream().map(TargetEnvironment::toString).toList(), lines, members);
        byte[] json = manifest.toJson();
        return new Plan(manifest, json, Base64.getEncoder().encode(key.sign(json)), small, files);
    }

    /** Writes the planned bundle: manifest, signature, the small members, then every distribution streamed. */
    void write(Plan plan, Repository route, RequestContext context, OutputStream out) throws IOException {
        try (BundleWriter writer = new BundleWriter(out, plan.manifest().created())) {
            writer.member(Manifest.PATH, plan.manifestJson());
            writer.member(Manifest.SIGNATURE_PATH, plan.signature());
            for (Map.Entry<String, byte[]> member : plan.small().entrySet()) {
                writer.member(member.getKey(), member.getValue());
            }
            for (Planned p : plan.files()) {
                Resource bytes = route.file(p.project(), p.file().filename(), context);
                try (InputStream in = bytes.openStream(0, -1)) {
                    writer.member("files/" + p.file().filename(), p.file().size(), p.file().sha256(), in);
                }
            }
        }
    }

    /** Adds every file the route gained since the request's serial or time that installs on a target. */
    private static void changedSince(RouteCandidates index, ProjectList listed, Request request, Map<String, Planned> chosen) {
        List<ProjectList.Entry> entries = listed.projects();
        if (entries.size() > MAX_SINCE_PROJECTS) {
            throw new IllegalArgumentException("the route lists " + entries.size() + " projects (an upstream's whole list?);"
                    + " --since walks every one: name the projects with --projects instead");
        }
        Since since = request.since();
        for (ProjectList.Entry entry : entries) {
            if (since.serial() != null && entry.lastSerial() <= since.serial()) {
                continue;
            }
            ProjectName name = ProjectName.of(entry.normalizedName());
            List<DistributionFile> files;
            try {
                files = index.page(name).files();
            } catch (ProjectNotFound | Refused gone) {
                continue; // listed, then deleted or hidden by a gate: nothing of it to carry
            }
            for (DistributionFile f : files) {
                boolean recent = since.time() == null || f.uploadTime() != null && !f.uploadTime().isBefore(since.time());
                if (recent && fits(f, name, request)) {
                    chosen.putIfAbsent(f.filename(), new Planned(name, f));
                }
            }
        }
    }

    /** Whether a file installs on some target: a wheel whose tags one takes, or an sdist where they are allowed. */
    private static boolean fits(DistributionFile f, ProjectName project, Request request) {
        try {
            return switch (DistributionFilename.parse(f.filename(), project)) {
                case WheelFilename w -> request.targets().stream().anyMatch(t -> t.tags().priority(w) >= 0);
                case SdistFilename s -> request.allowSdist();
            };
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Version version(DistributionFile f, ProjectName project) {
        return DistributionFilename.parse(f.filename(), project).version();
    }

    /**
     * The planned files with their sizes and hashes known: a proxied file whose upstream listed neither is fetched
     * (and so cached and verified) first, and its page read again.
     */
    private List<Planned> known(RouteCandidates index, Repository route, RequestContext context, Collection<Planned> planned)
            throws IOException {
        List<Planned> known = new ArrayList<>();
        for (Planned p : planned) {
            if (p.file().size() >= 0 && p.file().sha256() != null) {
                known.add(p);
                continue;
            }
            try (InputStream in = route.file(p.project(), p.file().filename(), context).openStream(0, -1)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            DistributionFile again = index.reread(p.project()).files().stream()
                    .filter(f -> f.filename().equals(p.file().filename())).findFirst().orElse(p.file());
            if (again.size() < 0 || again.sha256() == null) {
                throw new IOException("the route does not say the size and sha256 of " + p.file().filename() + " even after"
                        + " fetching it");
            }
            known.add(new Planned(p.project(), again));
        }
        return known;
    }

    private static byte[] zip(Map<String, String> records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> record : records.entrySet()) {
                ZipEntry entry = new ZipEntry(record.getKey().replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
                entry.setTime(0);
                zip.putNextEntry(entry);
                zip.write(record.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
