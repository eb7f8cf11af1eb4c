package dev.sluice.bundle;

import dev.sluice.index.CarriedIn;
import dev.sluice.index.DistributionFile;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.Resource;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;
import dev.sluice.store.BlobStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * A read-only source of what bundles brought ({@code type = "bundle"}): each file with the index facts the exporting
 * Sluice served, so that its pages here match those there. Bundles change it only by an import, so it keeps every
 * page in memory and builds them all anew after one; no request reads the catalog.
 */
public final class BundleSource implements Repository, CarriedIn {
    private final String name;
    private final BundleCatalog catalog;
    private final BlobStore blobs;
    private final Jdbi jdbi;
    private volatile Map<String, Project> projects = Map.of();

    private record Project(ProjectPage page, Map<String, DistributionFile> byFilename) {}

    BundleSource(String name, Jdbi jdbi, BundleCatalog catalog, BlobStore blobs) {
        this.name = name;
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.blobs = blobs;
        reload();
    }

    public String name() {
        return name;
    }

    /** Reads this source's files from the catalog again: after an import, here or on another node. */
    void reload() {
        Map<String, List<BundleCatalog.Row>> byProject = catalog.files(name).stream()
                .collect(Collectors.groupingBy(BundleCatalog.Row::project, TreeMap::new, Collectors.toList()));
        Map<String, Project> fresh = new TreeMap<>();
        byProject.forEach((project, rows) -> {
            List<DistributionFile> files = rows.stream().map(BundleCatalog.Row::file)
                    .sorted(Comparator.comparing((DistributionFile f) -> Version.parse(f.version())).thenComparing(DistributionFile::filename))
                    .toList();
            long serial = rows.stream().mapToLong(BundleCatalog.Row::changedMicros).max().orElse(0);
            ProjectPage page = new ProjectPage(ProjectName.of(project), rows.getFirst().displayName(), serial, files,
                    Provenance.source(name));
            fresh.put(project, new Project(page, files.stream().collect(Collectors.toMap(DistributionFile::filename, Function.identity()))));
        });
        projects = Map.copyOf(fresh);
    }

    @Override
    public String heldSha256(ProjectName project, String filename) {
        Project held = projects.get(project.value());
        DistributionFile file = held == null ? null : held.byFilename.get(filename);
        return file == null ? null : file.sha256();
    }

    /** Adds the new files and takes the yanks of those held, in one transaction; then serves them. */
    @Override
    public void carryIn(String bundle, Map<ProjectName, CarriedIn.Project> carried, java.time.Instant at) {
        long changed = dev.sluice.util.Micros.of(at);
        jdbi.useTransaction(h -> carried.forEach((project, p) -> {
            for (DistributionFile f : p.files()) {
                var held = catalog.held(h, name, f.filename());
                if (held.isEmpty()) {
                    catalog.insert(h, name, new BundleCatalog.Row(project.value(), p.displayName(), f, changed), bundle);
                } else if (held.get().yanked() != f.yanked() || !java.util.Objects.equals(held.get().yankReason(), f.yankReason())) {
                    catalog.updateYank(h, name, f, bundle, changed);
                }
            }
        }));
        reload();
    }

    @Override
    public ProjectList projects(RequestContext context) {
        List<ProjectList.Entry> entries = new ArrayList<>();
        long serial = 0;
        for (Project p : new TreeMap<>(projects).values()) {
            entries.add(new ProjectList.Entry(p.page.displayName(), p.page.name().value(), p.page.lastSerial()));
            serial = Math.max(serial, p.page.lastSerial());
        }
        return new ProjectList(entries, serial);
    }

    @Override
    public ProjectPage project(ProjectName project, RequestContext context) {
        return find(project).page;
    }

    @Override
    public Resource file(ProjectName project, String filename, RequestContext context) {
        DistributionFile file = file(project, filename);
        return blob(file.sha256(), project + "/" + filename);
    }

    @Override
    public Resource metadata(ProjectName project, String filename, RequestContext context) {
        DistributionFile file = file(project, filename);
        if (file.coreMetadataSha256() == null) {
            throw new FileNotFound(project.value(), filename + ".metadata");
        }
        return blob(file.coreMetadataSha256(), project + "/" + filename + ".metadata");
    }

    private Project find(ProjectName project) {
        Project found = projects.get(project.value());
        if (found == null) {
            throw new ProjectNotFound(project.value());
        }
        return found;
    }

    private DistributionFile file(ProjectName project, String filename) {
        DistributionFile file = find(project).byFilename.get(filename);
        if (file == null) {
            throw new FileNotFound(project.value(), filename);
        }
        return file;
    }

    private Resource blob(String sha256, String what) {
        try {
            return blobs.open(sha256).map(b -> Resource.of(sha256, b.size(), b::openStream).servedBy(name))
                    .orElseThrow(() -> new SourceUnavailable("the bytes of " + what + " from a bundle are missing from the store", null));
        } catch (IOException e) {
            throw new SourceUnavailable("the blob store cannot be read: " + e.getMessage(), e);
        }
    }
}
