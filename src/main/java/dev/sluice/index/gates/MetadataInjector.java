package dev.sluice.index.gates;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.RequestContext;
import dev.sluice.util.Digests;
import dev.sluice.util.LruMap;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Repository;
import dev.sluice.index.Resource;
import dev.sluice.pep.ProjectName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Serves PEP 658 core metadata for wheels of a source that has none (a folder of wheels, an index without
 * it), so that resolvers read a few kilobytes instead of downloading every candidate. The metadata is read
 * out of the wheel the first time it is asked for, then remembered by the wheel's sha256; its hash is on the
 * page from then on. A wheel whose metadata cannot be read is no longer offered with metadata, so installers
 * fall back to the wheel itself. Sdists are left alone, as PyPI does: their metadata may be computed at build.
 */
public final class MetadataInjector extends PageRewritingGate {
    public static final String NAME = "metadata-injector";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MetadataInjector.class);
    private static final byte[] UNREADABLE = new byte[0];

    /** Reads the core metadata file out of a wheel, checking the wheel against its sha256 on the way. */
    @FunctionalInterface
    public interface Extractor {
        /** @throws IOException when the wheel cannot be read or its metadata is missing or invalid */
        byte[] coreMetadata(DistributionFile wheel, Resource bytes) throws IOException;
    }

    private final Extractor extractor;
    private final Map<String, byte[]> bySha256;

    /** @param remembered how many wheels' metadata to keep in memory at most */
    public MetadataInjector(Repository next, Extractor extractor, int remembered) {
        super(next);
        this.extractor = extractor;
        this.bySha256 = java.util.Collections.synchronizedMap(new LruMap<>(remembered));
    }

    @Override
    ProjectPage rewrite(ProjectName name, ProjectPage page) {
        List<DistributionFile> files = page.files().stream().map(this::offered).toList();
        return page.withFiles(files, page.provenance().withGate(NAME));
    }

    private DistributionFile offered(DistributionFile f) {
        if (f.coreMetadata() || !isWheel(f) || f.sha256() == null) {
            return f;
        }
        byte[] known = bySha256.get(f.sha256());
        if (known == UNREADABLE) {
            return f;
        }
        return f.withCoreMetadata(known == null ? null : sha256(known));
    }

    @Override
    public Resource metadata(ProjectName name, String filename, RequestContext context) {
        ProjectPage page = next.project(name, context);
        DistributionFile f = page.files().stream().filter(d -> d.filename().equals(filename)).findFirst().orElse(null);
        if (f == null) {
            // Not listed: the node below says why, as it would for the file itself (a held-back file is refused,
            // an unknown one not found), so that a file and its metadata get the same answer.
            return next.metadata(name, filename, context);
        }
        if (f.coreMetadata()) {
            return next.metadata(name, filename, context);
        }
        if (!isWheel(f) || f.sha256() == null) {
            throw new FileNotFound(name.value(), filename + ".metadata");
        }
        byte[] metadata = bySha256.get(f.sha256());
        if (metadata == null) {
            try {
                metadata = extractor.coreMetadata(f, next.file(name, filename, context));
            } catch (IOException e) {
                metadata = UNREADABLE;
                LOG.warn("no metadata for {}: {}", filename, e.getMessage());
            }
            bySha256.put(f.sha256(), metadata);
        }
        if (metadata == UNREADABLE) {
            throw new FileNotFound(name.value(), filename + ".metadata");
        }
        byte[] bytes = metadata;
        return Resource.of(sha256(bytes), bytes.length, (offset, length) -> new ByteArrayInputStream(bytes,
                (int) offset, length < 0 ? bytes.length - (int) offset : (int) length))
                .withProvenance(page.provenance()).passedGate(NAME);
    }

    private static boolean isWheel(DistributionFile f) {
        return f.filename().endsWith(".whl");
    }

    private static String sha256(byte[] bytes) {
        return Digests.sha256Hex(bytes);
    }
}
