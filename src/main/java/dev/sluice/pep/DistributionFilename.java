package dev.sluice.pep;

import java.util.List;
import java.util.Locale;

/**
 * The filename of a distribution Sluice stores and serves: a wheel ({@code .whl}) or a source distribution
 * ({@code .tar.gz}, {@code .zip}). The last path segment of every file URL is exactly this name, so it must
 * be a plain name: no directories, no control characters.
 */
public sealed interface DistributionFilename permits WheelFilename, SdistFilename {
    /** Kinds PyPI once took or that people try to upload, with the reason each is refused. */
    List<String[]> REFUSED_KINDS = List.of(
            new String[] {".egg", "eggs are no longer accepted (PyPI stopped in 2023); build a wheel"},
            new String[] {".exe", "Windows installers (bdist_wininst) are not accepted; build a wheel"},
            new String[] {".msi", "Windows installers (bdist_msi) are not accepted; build a wheel"},
            new String[] {".rpm", "RPM packages (bdist_rpm) are not accepted; build a wheel"},
            new String[] {".dmg", "disk images are not accepted; build a wheel"},
            new String[] {".deb", "Debian packages are not accepted; build a wheel"},
            new String[] {".tar.bz2", "only .tar.gz and .zip source distributions are accepted"},
            new String[] {".tar.xz", "only .tar.gz and .zip source distributions are accepted"},
            new String[] {".tar.zst", "only .tar.gz and .zip source distributions are accepted"},
            new String[] {".tgz", "only .tar.gz and .zip source distributions are accepted"},
            new String[] {".tar", "only .tar.gz and .zip source distributions are accepted"});

    /** The project name in PEP 503 normal form. */
    String normalizedName();

    Version version();

    /** The filename itself. */
    String filename();

    /**
     * Parses a wheel or sdist filename. A legacy sdist name with dashes in the project part
     * ({@code my-pkg-1.0.tar.gz}) is read as packaging reads it: the version follows the last dash.
     *
     * @throws InvalidFilenameException naming the rule that failed
     */
    static DistributionFilename parse(String filename) {
        return parse(filename, null);
    }

    /**
     * As {@link #parse(String)}, but a legacy sdist name is split where its project part names
     * {@code knownProject} ({@code foo-1.0-1.tar.gz} of project {@code foo} is version {@code 1.0-1}).
     */
    static DistributionFilename parse(String filename, ProjectName knownProject) {
        requirePlainName(filename);
        if (filename.endsWith(".whl")) {
            return WheelFilename.parse(filename);
        }
        if (filename.endsWith(".tar.gz") || filename.endsWith(".zip")) {
            return SdistFilename.parse(filename, knownProject);
        }
        String lower = filename.toLowerCase(Locale.ROOT);
        for (String[] kind : REFUSED_KINDS) {
            if (lower.endsWith(kind[0])) {
                throw new InvalidFilenameException(filename, kind[1]);
            }
        }
        throw new InvalidFilenameException(filename,
                "not a distribution: a wheel ends in .whl, a source distribution in .tar.gz or .zip");
    }

    private static void requirePlainName(String filename) {
        if (filename.isEmpty()) {
            throw new InvalidFilenameException(filename, "the filename is empty");
        }
        if (filename.length() > 255) {
            throw new InvalidFilenameException(filename.substring(0, 40) + "...", "longer than 255 characters");
        }
        for (int i = 0; i < filename.length(); i++) {
            char c = filename.charAt(i);
            if (c == '/' || c == '\\') {
                throw new InvalidFilenameException(filename, "a filename must not contain '/' or '\\'");
            }
            if (c < 0x20 || c == 0x7F) {
                throw new InvalidFilenameException(filename, "a filename must not contain control characters");
            }
        }
        if (filename.startsWith(".")) {
            throw new InvalidFilenameException(filename, "a filename must not start with '.'");
        }
    }
}
