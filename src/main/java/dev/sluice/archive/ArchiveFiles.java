package dev.sluice.archive;

import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.SdistFilename;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Every regular file of a wheel or sdist, shown one by one as the archive is read once, under the same limits and
 * refusals as reading its metadata (entry names, links, devices, sizes, bombs). Nothing is extracted to disk; the
 * visitor reads what it wants of each stream (and should cap it).
 */
public final class ArchiveFiles {
    /** Shown each file in archive order; the stream ends with the file and need not be read to its end. */
    @FunctionalInterface
    public interface Visitor {
        void file(String name, InputStream content) throws IOException;
    }

    private ArchiveFiles() {}

    /**
     * @throws InvalidDistributionException when the archive breaks a limit or cannot be read
     */
    public static void forEach(Path file, DistributionFilename filename, ArchiveLimits limits, Visitor visitor) {
        try {
            boolean tar = filename instanceof SdistFilename sdist && !sdist.extension().equals(".zip");
            if (tar) {
                TarGzScanner.scan(file, name -> false, limits, visitor);
            } else {
                ZipScanner.scan(file, name -> false, limits, visitor);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
