package dev.sluice.bundle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.http.JsonBodies;
import dev.sluice.index.CarriedIn;
import dev.sluice.index.ContentCheck;
import dev.sluice.index.DistributionFile;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;
import dev.sluice.store.BlobStore;
import dev.sluice.store.StagedBlob;
import dev.sluice.util.Micros;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Takes a verified bundle into a source that takes files carried in (a bundle source, or a proxy's cache): every new
 * file's bytes and metadata stored, then the source adds the files with their index facts at once (a bundle source in
 * one transaction, so that a page shows all of a bundle or none of it). Idempotent: a file already there with the
 * same bytes is "present" (a later bundle's yank is taken), a filename there with other bytes is refused (filenames
 * mean the same bytes forever). Each new file is judged by the inspection first, as a proxied file is: the route's
 * gates then serve or hide it.
 */
final class BundleImport {
    /** What an import did, file by file. */
    record Report(String source, String manifestSha256, String signer, List<String> added, List<String> present,
            List<String> quarantined, Map<String, String> refused, String advisories) {
        /** This report, saying what the import of the bundle's advisories did. */
        Report withAdvisories(String done) {
            return new Report(source, manifestSha256, signer, added, present, quarantined, refused, done);
        }

        ObjectNode toJson() {
            ObjectNode json = JsonBodies.newObject().put("source", source).put("manifest_sha256", manifestSha256)
                    .put("signed_by", signer);
            added.forEach(json.putArray("added")::add);
            present.forEach(json.putArray("present")::add);
            quarantined.forEach(json.putArray("quarantined")::add);
            ArrayNode r = json.putArray("refused");
            refused.forEach((file, why) -> r.addObject().put("filename", file).put("reason", why));
            return json.put("advisories", advisories);
        }
    }

    /** Takes the OSV records a bundle carries into this Sluice's vulnerability data; says what it did. */
    interface AdvisoryIntake {
        String importZip(Path zip, String name) throws IOException;
    }

    private final Jdbi jdbi;
    private final BundleCatalog catalog;
    private final BlobStore blobs;
    private final ContentCheck inspection;
    private final AdvisoryIntake advisories;
    private final Clock clock;

    BundleImport(Jdbi jdbi, BundleCatalog catalog, BlobStore blobs, ContentCheck inspection, AdvisoryIntake advisories, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.blobs = blobs;
        this.inspection = inspection;
        this.advisories = advisories;
        this.clock = clock;
    }

    /**
     * @throws BundleRefused when the bundle fails a check: nothing of it is stored
     */
    Report run(InputStream in, String source, CarriedIn target, BundleReader.Trust trust, long maxFileBytes,
            BundleReader.Progress progress) throws IOException {
        BundleReader.Verified verified = BundleReader.read(in, blobs, this::kept, trust, maxFileBytes, progress);
        try {
            return take(verified, source, target);
        } finally {
            BundleReader.discard(verified, blobs);
        }
    }

    /** Whether the store holds these bytes already, judged: a bundle's copy of them need not be written again. */
    private boolean kept(String sha256) {
        try {
            return inspection.judged(sha256) && blobs.open(sha256).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    private record Incoming(String project, String displayName, DistributionFile file) {}

    private Report take(BundleReader.Verified verified, String source, CarriedIn target) throws IOException {
        Map<String, StagedBlob> members = verified.members();
        String manifestSha256 = verified.manifestSha256();
        Map<String, Incoming> incoming = new LinkedHashMap<>();
        for (Map.Entry<String, StagedBlob> member : members.entrySet()) {
            String path = member.getKey();
            if (!path.startsWith("index/")) {
                continue;
            }
            String project = path.substring("index/".length(), path.length() - ".json".length());
            IndexFacts facts = IndexFacts.parse(path, Files.readAllBytes(member.getValue().file()));
            for (DistributionFile f : facts.files()) {
                checkAgrees(project, f, members);
                incoming.put(f.filename(), new Incoming(project, facts.displayName(), f));
            }
        }
        for (String path : members.keySet()) {
            if (path.startsWith("files/") && !incoming.containsKey(path.substring("files/".length()))) {
                throw new BundleRefused("'" + path + "' has no index facts in the bundle");
            }
        }
        List<String> added = new ArrayList<>();
        List<String> present = new ArrayList<>();
        List<String> quarantined = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        Map<ProjectName, CarriedIn.Project> carried = new java.util.TreeMap<>();
        for (Incoming in : incoming.values()) {
            ProjectName project = ProjectName.of(in.project);
            String held = target.heldSha256(project, in.file.filename());
            if (held != null && !held.equals(in.file.sha256())) {
                refused.put(in.file.filename(), "this source holds other bytes under that filename (sha256 " + held + ")");
                continue;
            }
            if (held != null) {
                present.add(in.file.filename());
            } else {
                StagedBlob bytes = members.get("files/" + in.file.filename());
                String why = bytes.file() != null
                        ? inspection.refusal(project, in.file.filename(), in.file.sha256(), bytes.file(), "bundle")
                        : inspection.knownRefusal(in.file.sha256());
                if (why != null) {
                    quarantined.add(in.file.filename() + ": " + why);
                }
                commit(bytes);
                commit(members.get("metadata/" + in.file.filename() + ".metadata"));
                added.add(in.file.filename());
            }
            List<DistributionFile> files = new ArrayList<>(carried.containsKey(project) ? carried.get(project).files() : List.of());
            files.add(in.file);
            carried.put(project, new CarriedIn.Project(in.displayName, files));
        }
        Instant now = clock.instant();
        target.carryIn(manifestSha256, carried, now);
        Report report = new Report(source, manifestSha256, verified.signer(), added, present, quarantined, refused, null);
        jdbi.useHandle(h -> catalog.recordImport(h, source, manifestSha256, verified.manifest().created(), now,
                verified.manifest().exporter(), verified.signer(), report));
        StagedBlob osv = members.get(Manifest.ADVISORIES);
        return osv == null ? report : report.withAdvisories(advisories.importZip(osv.file(), "bundle " + manifestSha256.substring(0, 12)));
    }

    /** Stores a staged member; one the store kept already (not staged again) needs nothing. */
    private void commit(StagedBlob staged) throws IOException {
        if (staged != null && staged.file() != null) {
            blobs.commit(staged);
        }
    }

    /**
     * A file's facts must be of its project and its version, name the bytes the manifest gives it, and its metadata must
     * be in the bundle: a page here never lists what the filename contradicts.
     */
    private static void checkAgrees(String project, DistributionFile f, Map<String, StagedBlob> members) {
        try {
            DistributionFilename parsed = DistributionFilename.parse(f.filename(), ProjectName.of(project));
            if (!parsed.normalizedName().equals(project) || !parsed.version().equals(Version.parse(f.version()))
                    || !(f.packagetype().equals("bdist_wheel") || f.packagetype().equals("sdist"))) {
                throw new BundleRefused("the index facts of " + project + " list " + f.filename() + " as version " + f.version()
                        + " (" + f.packagetype() + "), which its filename contradicts");
            }
        } catch (RuntimeException e) {
            if (e instanceof BundleRefused) {
                throw e;
            }
            throw new BundleRefused("the index facts of " + project + " list " + f.filename() + ": " + e.getMessage());
        }
        StagedBlob bytes = members.get("files/" + f.filename());
        if (bytes == null || !bytes.digests().sha256().equals(f.sha256()) || bytes.size() != f.size()) {
            throw new BundleRefused("the index facts of " + project + " name " + f.filename() + " with sha256 " + f.sha256()
                    + ", which the bundle does not hold");
        }
        if (f.coreMetadataSha256() != null) {
            StagedBlob metadata = members.get("metadata/" + f.filename() + ".metadata");
            if (metadata == null || !metadata.digests().sha256().equals(f.coreMetadataSha256())) {
                throw new BundleRefused("the index facts of " + project + " give " + f.filename() + " core metadata the bundle"
                        + " does not hold");
            }
        }
    }
}
