package dev.sluice.archive;

import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.InvalidFilenameException;
import dev.sluice.util.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the core metadata out of a distribution that arrives as a stream: the bytes go to a temporary file
 * (a zip is read from its end), are checked against the sha256 the index gave for them, and the metadata
 * is read under the usual archive limits. The temporary file is always removed.
 */
public final class WheelMetadataExtraction {
    private final Path temporaryDirectory;
    private final ArchiveLimits limits;

    public WheelMetadataExtraction(Path temporaryDirectory, ArchiveLimits limits) {
        this.temporaryDirectory = temporaryDirectory;
        this.limits = limits;
    }

    /**
     * @return the exact bytes of the distribution's METADATA (or PKG-INFO)
     * @throws IOException when the bytes differ from the sha256, or the archive or its metadata is refused
     */
    public byte[] coreMetadata(String filename, String expectedSha256, InputStream bytes) throws IOException {
        Files.createDirectories(temporaryDirectory);
        Path copy = Files.createTempFile(temporaryDirectory, "extract-", ".part");
        try {
            Digests.Computer digests = new Digests.Computer();
            try (InputStream in = bytes; OutputStream out = Files.newOutputStream(copy)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digests.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            String actual = digests.finish().sha256();
            if (!actual.equals(expectedSha256)) {
                throw new IOException(filename + " has sha256 " + actual + ", not " + expectedSha256 + " as its index says");
            }
            return DistributionMetadataReader.read(copy, DistributionFilename.parse(filename), limits).bytes();
        } catch (InvalidDistributionException | InvalidFilenameException e) {
            throw new IOException(filename + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
