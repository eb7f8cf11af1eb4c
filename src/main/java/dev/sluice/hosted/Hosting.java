package dev.sluice.hosted;

import dev.sluice.access.Accounts;
import dev.sluice.access.Callers;
import dev.sluice.archive.ArchiveLimits;
import dev.sluice.index.Repository;
import dev.sluice.pep.CoreMetadata;
import dev.sluice.pep.ProjectName;
import dev.sluice.store.BlobStore;
import dev.sluice.store.ChangeFeed;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Packages the organisation publishes here, as people and the server ask for them: the hosted source the graph
 * serves; uploads, validated as PyPI validates them; yanks and deletions; the public names a first upload may not
 * take, with claims and releases; and the endpoints for all of it. The hosting feature's one entrance.
 */
public final class Hosting {
    /** Where uploads go: the legacy upload API, also without its slash (twine treats a redirect as an error). */
    private static final String UPLOAD_PATH = "/legacy/";

    private final SqlHostedCatalog catalog;
    private final HostedSource source;
    private final Publisher publisher;
    private final ReleaseManager releases;
    private final PublicNames names;
    private final long maxUploadBytes;
    private final Clock clock;

    /**
     * @param blobs where uploads are staged and kept; {@code served} the same store as pages read it (a cache in front)
     * @param outsideSources the graph's other sources, by name, as served now (read when a new project is uploaded)
     * @param reserved whether a Reserve entry of the graph names a project
     * @param inspection what looks inside each upload before it is acknowledged
     */
    public Hosting(String sourceName, Jdbi jdbi, ChangeFeed changes, BlobStore blobs, BlobStore served, long maxUploadBytes,
            Clock clock, Supplier<Map<String, Repository>> outsideSources, Predicate<ProjectName> reserved,
            UploadInspection inspection) {
        this.maxUploadBytes = maxUploadBytes;
        this.clock = clock;
        this.catalog = new SqlHostedCatalog(jdbi);
        this.source = new HostedSource(sourceName, catalog, served, changes);
        this.publisher = new Publisher(source, catalog, blobs, maxUploadBytes, ArchiveLimits.DEFAULT, clock, inspection);
        this.releases = new ReleaseManager(source, catalog);
        this.names = new PublicNames(source, catalog, outsideSources, reserved, clock);
    }

    /** Whether a path is the upload API's, whose body is a multipart form rather than JSON. */
    public static boolean isUploadPath(String path) {
        return path.equals(UPLOAD_PATH) || path.equals(UPLOAD_PATH.substring(0, UPLOAD_PATH.length() - 1));
    }

    /** Every stored distribution of every hosted project, for a re-inspection of everything stored. */
    public List<StoredFile> storedFiles() {
        List<StoredFile> files = new java.util.ArrayList<>();
        forEachFile((project, f) -> files.add(new StoredFile(project, f.filename(), f.sha256())));
        return files;
    }

    /** Whether a hosted file or its metadata are these bytes (then they are the only copy there is). */
    public boolean names(String sha256) {
        return catalog.names(sha256);
    }

    /** The blobs hosted files and their metadata name: the only copies there are. */
    public List<dev.sluice.store.BlobUse> blobUses() {
        List<dev.sluice.store.BlobUse> uses = new java.util.ArrayList<>();
        forEachFile((project, f) -> {
            uses.add(new dev.sluice.store.BlobUse(f.sha256(), "hosted " + project + "/" + f.filename(), false));
            if (f.coreMetadataSha256() != null) {
                uses.add(new dev.sluice.store.BlobUse(f.coreMetadataSha256(), "hosted " + project + "/" + f.filename() + ".metadata", false));
            }
        });
        return uses;
    }

    private void forEachFile(java.util.function.BiConsumer<String, dev.sluice.index.DistributionFile> each) {
        try {
            catalog.projects().forEach(p -> catalog.files(p.normalizedName()).forEach(f -> each.accept(p.normalizedName(), f)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A hosted distribution: its project (normal form), filename and sha256. */
    public record StoredFile(String project, String filename, String sha256) {}

    /** The hosted packages as a repository, for the graph. */
    public HostedSource source() {
        return source;
    }

    /**
     * Passes when a project may be created here (or exists already).
     *
     * @throws UploadRejected 403 naming the outside source that serves the name; 503 when one cannot tell
     */
    public void checkNewProject(ProjectName project) {
        names.checkNewProject(project);
    }

    /** The core metadata of a hosted release as the Warehouse JSON API's {@code info} shows it, when it is hosted here. */
    public Optional<String> releaseMetadataJson(ProjectName project, String version) {
        return catalog.releaseMetadataJson(project.value(), version);
    }

    /** Core metadata as the Warehouse JSON API's {@code info} shows it. */
    public static String releaseMetadataJson(CoreMetadata metadata) {
        return ReleaseMetadataJson.of(metadata);
    }

    /**
     * Binds the hosting endpoints: uploads at {@code /legacy/}, release and name administration.
     *
     * @param hostsPackages whether the graph served now has a hosted source (uploads are refused when not)
     */
    public void registerEndpoints(RoutesConfig routes, Callers callers, Accounts accounts, UploadEndpoint.Permissions permissions,
            BooleanSupplier hostsPackages) {
        new UploadEndpoint(UPLOAD_PATH, publisher, callers, permissions, maxUploadBytes, hostsPackages).register(routes);
        new ReleasesApi(releases, names, accounts, callers).register(routes);
    }
}
