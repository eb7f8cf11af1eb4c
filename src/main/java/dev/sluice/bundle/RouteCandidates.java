package dev.sluice.bundle;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.Resource;
import dev.sluice.pep.CoreMetadata;
import dev.sluice.pep.ProjectName;
import dev.sluice.util.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolver's view of one route of this Sluice, through its gates as any client sees it: each page read once,
 * each file's core metadata fetched once and kept (as bytes, for the bundle) with its sha256 checked.
 */
final class RouteCandidates implements CandidateSource {
    private static final int MAX_METADATA_BYTES = 16 << 20;

    private final Repository route;
    private final RequestContext context;
    private final Map<ProjectName, ProjectPage> pages = new HashMap<>();
    private final Map<String, byte[]> metadata = new HashMap<>();

    RouteCandidates(Repository route, RequestContext context) {
        this.route = route;
        this.context = context;
    }

    @Override
    public List<DistributionFile> files(ProjectName project) {
        return page(project).files();
    }

    ProjectPage page(ProjectName project) {
        return pages.computeIfAbsent(project, p -> route.project(p, context));
    }

    /** Reads a page again: after its files were fetched, when it now knows their sizes and hashes. */
    ProjectPage reread(ProjectName project) {
        pages.remove(project);
        return page(project);
    }

    @Override
    public CoreMetadata metadata(ProjectName project, DistributionFile file) throws IOException {
        return CoreMetadata.parse(metadataBytes(project, file));
    }

    /** The file's PEP 658 metadata as the route serves it. */
    byte[] metadataBytes(ProjectName project, DistributionFile file) throws IOException {
        byte[] known = metadata.get(file.filename());
        if (known != null) {
            return known;
        }
        if (!file.coreMetadata()) {
            throw new ResolutionImpossible(file.filename() + ": the index serves no core metadata for it, and a bundle never"
                    + " runs a build to learn a distribution's dependencies");
        }
        Resource resource = route.metadata(project, file.filename(), context);
        byte[] bytes;
        try (InputStream in = resource.openStream(0, -1)) {
            bytes = in.readNBytes(MAX_METADATA_BYTES + 1);
        }
        if (bytes.length > MAX_METADATA_BYTES) {
            throw new IOException("the core metadata of " + file.filename() + " is larger than " + MAX_METADATA_BYTES + " bytes");
        }
        String sha256 = Digests.sha256Hex(bytes);
        if (resource.sha256() != null && !resource.sha256().equals(sha256)) {
            throw new IOException("the core metadata of " + file.filename() + " does not match its sha256");
        }
        metadata.put(file.filename(), bytes);
        return bytes;
    }
}
