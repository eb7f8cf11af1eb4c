package dev.sluice.hosted;

import dev.sluice.archive.ArchiveLimits;
import dev.sluice.archive.DistributionMetadata;
import dev.sluice.archive.DistributionMetadataReader;
import dev.sluice.archive.InvalidDistributionException;
import dev.sluice.index.DistributionFile;
import dev.sluice.pep.CoreMetadata;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.InvalidFilenameException;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Requirement;
import dev.sluice.pep.SpecifierSet;
import dev.sluice.pep.Version;
import dev.sluice.pep.WheelFilename;
import dev.sluice.store.BlobStore;
import dev.sluice.store.BlobTooLargeException;
import dev.sluice.util.Digests;
import dev.sluice.hosted.HostedCatalog.FilenameState;
import dev.sluice.store.StagedBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Takes uploads into the hosted source, validated as PyPI validates them: the form, the filename against
 * the form, the filename's history (a filename always means the same bytes, even after deletion), the
 * digests against the bytes, and the archive's own core metadata against the form. Nothing becomes visible
 * until every check has passed: bytes are staged, then committed, then recorded in one transaction.
 */
final class Publisher {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Map<String, Integer> DIGEST_FIELDS = Map.of("md5_digest", 32, "sha256_digest", 64,
            "blake2_256_digest", 64);

    /** What an accepted upload did. */
    public enum Outcome {
        /** The file is new and now served. */
        CREATED,
        /** The same bytes were already there under this filename: nothing changed (twine --skip-existing). */
        ALREADY_PRESENT
    }

    private final HostedSource source;
    private final HostedCatalog catalog;
    private final BlobStore blobs;
    private final long maxFileBytes;
    private final ArchiveLimits archiveLimits;
    private final Clock clock;
    private final UploadInspection inspection;

    Publisher(HostedSource source, HostedCatalog catalog, BlobStore blobs, long maxFileBytes,
            ArchiveLimits archiveLimits, Clock clock, UploadInspection inspection) {
        this.inspection = inspection;
        this.source = source;
        this.catalog = catalog;
        this.blobs = blobs;
        this.maxFileBytes = maxFileBytes;
        this.archiveLimits = archiveLimits;
        this.clock = clock;
    }

    /**
     * Publishes one uploaded file.
     *
     * @throws UploadRejected with the status and a message naming what failed
     * @throws IOException when the upload stream breaks (the client went away); nothing is kept
     */
    public Outcome publish(UploadRequest upload) throws IOException {
        return publish(upload, project -> null);
    }

    /**
     * As {@link #publish(UploadRequest)}, asking {@code permission} about the project (in normal form, however the
     * form spelt it) before a byte of the file is read; a refusal is a 403 and keeps nothing.
     */
    public Outcome publish(UploadRequest upload, UploadPermit permission) throws IOException {
        CheckedForm form = checkForm(upload);
        String refusal = permission.refusal(form.project());
        if (refusal != null) {
            throw new UploadRejected(403, "Forbidden: " + refusal);
        }
        FilenameState before = catalog.filenameState(form.project().value(), form.filename().filename(), form.filename().slot());
        if (before instanceof FilenameState.Burned) {
            throw burned(form.filename().filename()); // before reading a byte of the file
        }
        StagedBlob staged;
        try {
            staged = blobs.stage(upload.content(), maxFileBytes);
        } catch (BlobTooLargeException e) {
            throw new UploadRejected(413, "File too large: '" + form.filename().filename() + "' is " + e.getMessage());
        }
        try {
            checkDigests(upload, staged.digests());
            if (before instanceof FilenameState.Taken) {
                return unavailable(form, before, staged);
            }
            DistributionMetadata read = checkArchive(staged, form);
            String hostile = inspection.refusal(staged.file(), staged.digests().sha256(), form.filename(), form.project());
            if (hostile != null) {
                throw new UploadRejected(403, "Forbidden: " + hostile);
            }
            CoreMetadata metadata = read.metadata();
            String requiresPython = checkRequiresPython(upload, metadata);
            // PEP 658 metadata is served for wheels only, as PyPI does: an sdist's PKG-INFO may omit what a build
            // would compute (setuptools < 68 leaves Requires-Dist out), and pip would trust it.
            String metadataSha256 = null;
            if (form.filename() instanceof WheelFilename) {
                StagedBlob metadataBlob = blobs.stage(new ByteArrayInputStream(read.bytes()), Long.MAX_VALUE);
                blobs.commit(metadataBlob);
                metadataSha256 = metadataBlob.digests().sha256();
            }
            blobs.commit(staged);
            DistributionFile file = new DistributionFile(form.filename().filename(),
                    catalog.releaseVersion(form.project().value(), form.version()),
                    form.filetype(), pythonVersion(upload, form), staged.size(), staged.digests().sha256(),
                    staged.digests().md5(), staged.digests().blake2b256(), requiresPython, metadataSha256 != null,
                    metadataSha256, Instant.now(clock).truncatedTo(ChronoUnit.MICROS), false, null);
            try {
                catalog.publish(new HostedCatalog.NewDistribution(form.project().value(), displayName(metadata, upload),
                        file, form.filename().slot(), ReleaseMetadataJson.of(metadata), upload.uploadedBy()));
            } catch (FilenameUnavailableException raced) {
                return unavailable(form, raced.state(), staged);
            }
            source.changed(form.project().value());
            return Outcome.CREATED;
        } finally {
            blobs.discard(staged); // no-op once committed
        }
    }

    /** The form's fields, checked before any byte of the file is read. */
    private record CheckedForm(ProjectName project, Version version, String filetype, DistributionFilename filename) {}

    private static CheckedForm checkForm(UploadRequest upload) {
        String action = upload.field(":action");
        if (!action.equals("file_upload")) {
            throw new UploadRejected(400, action.isEmpty() ? "Missing ':action' field: expected 'file_upload'"
                    : "Unsupported ':action' '" + action + "': only 'file_upload' is supported");
        }
        String protocol = upload.field("protocol_version");
        if (!protocol.isEmpty() && !protocol.equals("1")) {
            throw new UploadRejected(400, "Unknown 'protocol_version' '" + protocol + "': expected '1'");
        }
        String name = upload.field("name");
        if (name.isEmpty()) {
            throw new UploadRejected(400, "Missing 'name' field: the project name is required");
        }
        if (!ProjectName.isValid(name)) {
            throw new UploadRejected(400, "Invalid 'name' '" + name + "': a name starts and ends with a letter or digit"
                    + " and holds only letters, digits, '.', '_' and '-' (PEP 508)");
        }
        String versionText = upload.field("version");
        if (versionText.isEmpty()) {
            throw new UploadRejected(400, "Missing 'version' field: the version is required");
        }
        if (!Version.isValid(versionText)) {
            throw new UploadRejected(400, "Invalid 'version' '" + versionText + "': not a PEP 440 version");
        }
        String filetype = upload.field("filetype");
        if (!filetype.equals("bdist_wheel") && !filetype.equals("sdist")) {
            throw new UploadRejected(400, "Invalid 'filetype' '" + filetype + "': expected 'bdist_wheel' or 'sdist'");
        }
        if (upload.content() == null || upload.contentFilename() == null) {
            throw new UploadRejected(400, "Missing 'content' file part: the upload has no file");
        }
        ProjectName project = ProjectName.of(name);
        Version version = Version.parse(versionText);
        DistributionFilename filename;
        try {
            filename = DistributionFilename.parse(upload.contentFilename(), project);
        } catch (InvalidFilenameException e) {
            throw new UploadRejected(400, e.getMessage());
        }
        if (!filename.normalizedName().equals(project.value())) {
            throw new UploadRejected(400, "The filename '" + filename.filename() + "' is for project '"
                    + filename.normalizedName() + "', but the form's 'name' is '" + name + "'");
        }
        if (!filename.version().equals(version)) {
            throw new UploadRejected(400, "The filename '" + filename.filename() + "' is for version '"
                    + filename.version() + "', but the form's 'version' is '" + versionText + "'");
        }
        if (filename instanceof WheelFilename w && !w.filename().equals(w.normalForm())) {
            throw new UploadRejected(400, "The wheel filename '" + w.filename() + "' is not in normal form: name it '"
                    + w.normalForm() + "' (the binary distribution format's spelling, which PyPI also requires)");
        }
        boolean wheel = filename instanceof WheelFilename;
        if (wheel != filetype.equals("bdist_wheel")) {
            throw new UploadRejected(400, "The 'filetype' '" + filetype + "' does not fit the file '" + filename.filename()
                    + "' (a .whl is 'bdist_wheel', a .tar.gz or .zip is 'sdist')");
        }
        String pyversion = upload.field("pyversion");
        if (!wheel && !pyversion.isEmpty() && !pyversion.equals("source")) {
            throw new UploadRejected(400, "Invalid 'pyversion' '" + pyversion + "' for an sdist: expected 'source'");
        }
        for (Map.Entry<String, Integer> digest : DIGEST_FIELDS.entrySet()) {
            String value = upload.field(digest.getKey()).toLowerCase(java.util.Locale.ROOT);
            if (!value.isEmpty() && (value.length() != digest.getValue() || !HEX.matcher(value).matches())) {
                throw new UploadRejected(400, "Invalid '" + digest.getKey() + "': expected " + digest.getValue()
                        + " hexadecimal digits");
            }
        }
        String requiresPython = upload.field("requires_python");
        if (!requiresPython.isEmpty()) {
            try {
                SpecifierSet.parse(requiresPython);
            } catch (IllegalArgumentException e) {
                throw new UploadRejected(400, "Invalid 'requires_python' '" + requiresPython + "': " + e.getMessage());
            }
        }
        return new CheckedForm(project, version, filetype, filename);
    }

    private static void checkDigests(UploadRequest upload, Digests actual) {
        Map<String, String> computed = Map.of("md5_digest", actual.md5(), "sha256_digest", actual.sha256(),
                "blake2_256_digest", actual.blake2b256());
        for (Map.Entry<String, String> digest : computed.entrySet()) {
            String given = upload.field(digest.getKey()).toLowerCase(java.util.Locale.ROOT);
            if (!given.isEmpty() && !given.equals(digest.getValue())) {
                throw new UploadRejected(400, "The '" + digest.getKey() + "' does not match the uploaded bytes"
                        + " (the file was damaged on the way, or the digest belongs to another file)");
            }
        }
    }

    private DistributionMetadata checkArchive(StagedBlob staged, CheckedForm form) {
        DistributionMetadata read;
        try {
            read = DistributionMetadataReader.read(staged.file(), form.filename(), archiveLimits);
        } catch (InvalidDistributionException e) {
            throw new UploadRejected(400, "Invalid distribution '" + form.filename().filename() + "': " + e.getMessage());
        }
        CoreMetadata m = read.metadata();
        String where = read.path();
        if (m.metadataVersion() == null || !CoreMetadata.KNOWN_VERSIONS.contains(m.metadataVersion())) {
            throw new UploadRejected(400, where + ": unsupported Metadata-Version '" + m.metadataVersion()
                    + "' (Sluice reads " + String.join(", ", new java.util.TreeSet<>(CoreMetadata.KNOWN_VERSIONS)) + ")");
        }
        if (m.name() == null || !ProjectName.isValid(m.name().strip())
                || !ProjectName.normalize(m.name().strip()).equals(form.project().value())) {
            throw new UploadRejected(400, where + " names project '" + m.name() + "', but the form's 'name' is '"
                    + form.project() + "'");
        }
        if (m.version() == null || !Version.isValid(m.version()) || !Version.parse(m.version()).equals(form.version())) {
            throw new UploadRejected(400, where + " says version '" + m.version() + "', but the form's 'version' is '"
                    + form.version() + "'");
        }
        for (String requirement : m.requiresDist()) {
            try {
                Requirement.parse(requirement);
            } catch (IllegalArgumentException e) {
                throw new UploadRejected(400, where + " has an invalid Requires-Dist '" + requirement + "': "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return read;
    }

    /** Requires-Python as the archive declares it (the form's copy when the archive has none); must be valid. */
    private static String checkRequiresPython(UploadRequest upload, CoreMetadata metadata) {
        String declared = metadata.requiresPython() != null ? metadata.requiresPython().strip() : upload.field("requires_python");
        if (declared.isEmpty()) {
            return null;
        }
        try {
            SpecifierSet.parse(declared);
        } catch (IllegalArgumentException e) {
            throw new UploadRejected(400, "Invalid Requires-Python '" + declared + "': " + e.getMessage());
        }
        return declared;
    }

    private static String pythonVersion(UploadRequest upload, CheckedForm form) {
        String pyversion = upload.field("pyversion");
        if (form.filename() instanceof WheelFilename wheel) {
            return pyversion.isEmpty() ? wheel.tags().get(0).interpreter() : pyversion;
        }
        return "source";
    }

    private static String displayName(CoreMetadata metadata, UploadRequest upload) {
        return metadata.name() != null ? metadata.name().strip() : upload.field("name");
    }

    /**
     * The answer for a filename already used: the same bytes again are a no-op (twine --skip-existing); other
     * bytes, or a deleted filename, are refused.
     */
    private static Outcome unavailable(CheckedForm form, FilenameState state, StagedBlob staged) {
        if (state instanceof FilenameState.Taken taken) {
            if (!taken.filename().equals(form.filename().filename())) {
                throw new UploadRejected(409, "File already exists: '" + taken.filename() + "' is the same file of release "
                        + form.version() + " under another spelling ('" + form.filename().filename() + "'). A release holds one"
                        + " file per build and tag set, and one sdist: publish a new version instead.");
            }
            if (taken.sha256().equals(staged.digests().sha256())) {
                return Outcome.ALREADY_PRESENT;
            }
            throw alreadyExists(form.filename().filename(), taken.sha256());
        }
        throw burned(form.filename().filename());
    }

    /** Conflict, as twine --skip-existing understands it (Jetty 12 cannot set a reason phrase, so 409). */
    private static UploadRejected alreadyExists(String filename, String sha256) {
        return new UploadRejected(409, "File already exists ('" + filename + "', with sha256 hash " + sha256
                + "). A filename always means the same bytes: publish a new version instead.");
    }

    private static UploadRejected burned(String filename) {
        return new UploadRejected(400, "This filename has already been used, use a different version. ('" + filename
                + "', or another spelling of the same file, was deleted; a filename is never reused for other bytes.)");
    }
}
