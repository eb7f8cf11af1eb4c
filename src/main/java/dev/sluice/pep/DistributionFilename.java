package dev.sluice.pep;

/**
 * The filename of a distribution Sluice stores and serves: a wheel ({@code .whl}) or a source distribution
 * ({@code .tar.gz}, {@code .zip}). The last path segment of every file URL is exactly this name, so it must
 * be a plain name: no directories, no control characters.
 */
public sealed interface DistributionFilename permits WheelFilename, SdistFilename {
    /** The project name in PEP 503 normal form. */
    String normalizedName();

    Version version();

    /** The filename itself. */
    String filename();

    /**
     * What a project may hold once: equal for two filenames that name the same file in other spellings. A wheel is
     * its version (as PEP 440 compares it: {@code 1.0} is {@code 1.0.0}), build tag and expanded tag set; an sdist is
     * its version alone, since a release has one source distribution whatever its archive format.
     */
    String slot();

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
        throw new InvalidFilenameException(filename, RefusedDistributionKinds.reason(filename));
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
