package dev.sluice.hosted;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.RequestContext;
import dev.sluice.util.LruMap;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.index.Repository;
import dev.sluice.index.Resource;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;
import dev.sluice.store.BlobStore;
import dev.sluice.store.ChangeFeed;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The packages an organisation publishes to Sluice itself. Pages come from the catalog and are kept in
 * memory until the project changes, so that a page or file request does not touch the database. It serves
 * exactly what was uploaded; it protects nothing by itself (that is the gates' work).
 */
public final class HostedSource implements Repository {
    private final String name;
    private final HostedCatalog catalog;
    private final BlobStore blobs;
    private final Map<String, CachedProject> pages = new ConcurrentHashMap<>();
    /** Bumped on every change, inside pages.compute for the same key, so a slow load never caches a stale page. */
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    /**
     * Names recently looked up and not held (every upstream-only request asks), bounded so that random names
     * cannot grow it; written and cleared only inside pages.compute for the same key, like the pages.
     */
    private final Set<String> absent = java.util.Collections.newSetFromMap(new LruMap<>(10_000));

    private record CachedProject(ProjectPage page, Map<String, DistributionFile> byFilename) {}

    private final ChangeFeed changes;

    /** @param changes tells the other nodes of the catalog what changed here, and this node what changed there */
    public HostedSource(String name, HostedCatalog catalog, BlobStore blobs, ChangeFeed changes) {
        this.name = name;
        this.catalog = catalog;
        this.blobs = blobs;
        this.changes = changes;
        changes.subscribe(CHANGES, this::forget);
    }

    /** The change feed's topic: a hosted project changed (its name) on some node. */
    private static final String CHANGES = "hosted";

    public String name() {
        return name;
    }

    @Override
    public ProjectList projects(RequestContext context) {
        return context.asOf() == null ? catalog.projects() : catalog.projectsAsOf(context.asOf());
    }

    @Override
    public ProjectPage project(ProjectName project, RequestContext context) {
        return load(project).page();
    }

    @Override
    public Resource file(ProjectName project, String filename, RequestContext context) {
        DistributionFile file = find(project, filename);
        return blob(file.sha256(), project, filename);
    }

    @Override
    public Resource metadata(ProjectName project, String filename, RequestContext context) {
        DistributionFile file = find(project, filename);
        if (file.coreMetadataSha256() == null) {
            throw new FileNotFound(project.value(), filename + ".metadata");
        }
        return blob(file.coreMetadataSha256(), project, filename + ".metadata");
    }

    /** Whether this source holds the project (even with every file deleted: the name stays internal). */
    public boolean holds(ProjectName project) {
        try {
            load(project);
            return true;
        } catch (ProjectNotFound notHere) {
            return false;
        }
    }

    /**
     * Forgets the cached page of a project, here and on every other node; the publisher and release manager call it
     * after every change.
     */
    void changed(String normalizedName) {
        forget(normalizedName);
        changes.publish(CHANGES, normalizedName);
    }

    /** Forgets what this node keeps of a project ({@code *}: of every project). */
    private void forget(String normalizedName) {
        if (normalizedName.equals("*")) {
            pages.keySet().forEach(this::forget);
            synchronized (absent) {
                absent.clear();
            }
            return;
        }
        pages.compute(normalizedName, (key, old) -> {
            generations.merge(key, 1L, Long::sum);
            synchronized (absent) {
                absent.remove(key);
            }
            return null;
        });
    }

    private DistributionFile find(ProjectName project, String filename) {
        DistributionFile file = load(project).byFilename().get(filename);
        if (file == null) {
            throw new FileNotFound(project.value(), filename);
        }
        return file;
    }

    private CachedProject load(ProjectName project) {
        CachedProject cached = pages.get(project.value());
        if (cached != null) {
            return cached;
        }
        synchronized (absent) {
            if (absent.contains(project.value())) {
                throw new ProjectNotFound(project.value());
            }
        }
        Long generationBefore = generations.get(project.value());
        java.util.Optional<HostedCatalog.StoredProject> found = catalog.project(project.value());
        if (found.isEmpty()) {
            pages.compute(project.value(), (key, old) -> {
                if (java.util.Objects.equals(generationBefore, generations.get(key))) {
                    synchronized (absent) {
                        absent.add(key);
                    }
                }
                return old;
            });
            throw new ProjectNotFound(project.value());
        }
        HostedCatalog.StoredProject stored = found.get();
        List<DistributionFile> files = catalog.files(project.value()).stream()
                .sorted(Comparator.comparing((DistributionFile f) -> Version.parse(f.version()))
                        .thenComparing(DistributionFile::filename))
                .toList();
        ProjectPage page = new ProjectPage(project, stored.displayName(), stored.lastSerial(), files, Provenance.source(name));
        CachedProject fresh = new CachedProject(page,
                files.stream().collect(java.util.stream.Collectors.toMap(DistributionFile::filename, Function.identity())));
        pages.compute(project.value(), (key, old) ->
                java.util.Objects.equals(generationBefore, generations.get(key)) ? fresh : old);
        return fresh;
    }

    private Resource blob(String sha256, ProjectName project, String what) {
        BlobStore.Blob blob;
        try {
            blob = blobs.open(sha256).orElseThrow(() -> new SourceUnavailable(
                    "the stored bytes of " + project + "/" + what + " are missing (sha256 " + sha256 + ")", null));
        } catch (IOException e) {
            throw new SourceUnavailable("the blob store cannot be read: " + e.getMessage(), e);
        }
        return Resource.of(sha256, blob.size(), blob::openStream).servedBy(name);
    }
}
