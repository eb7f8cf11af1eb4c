package dev.sluice.archive;

import dev.sluice.pep.CoreMetadata;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.InvalidMetadataException;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.SdistFilename;
import dev.sluice.pep.Version;
import dev.sluice.pep.WheelFilename;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and reads the one core metadata file of a distribution, checking the whole archive on the way
 * (see {@link ZipScanner} and {@link TarGzScanner}):
 * <ul>
 *   <li>a wheel has exactly one top-level {@code {name}-{version}.dist-info} directory, naming the same
 *       project and version as the filename, with a {@code METADATA} file in it;</li>
 *   <li>an sdist has exactly one {@code {top}/PKG-INFO} at the top level.</li>
 * </ul>
 * Anything else, and any archive that is corrupt or hostile, is refused with a message for the uploader.
 */
public final class DistributionMetadataReader {
    private static final Pattern WHEEL_METADATA = Pattern.compile("([^/]+)\\.dist-info/METADATA");
    private static final Pattern DIST_INFO_DIRECTORY = Pattern.compile("([^/]+\\.dist-info)(/.*)?", Pattern.DOTALL);
    private static final Pattern SDIST_METADATA = Pattern.compile("[^/]+/PKG-INFO");

    private DistributionMetadataReader() {}

    /**
     * Reads the core metadata of a wheel or sdist file.
     *
     * @throws InvalidDistributionException when the archive is refused
     */
    public static DistributionMetadata read(Path file, DistributionFilename filename, ArchiveLimits limits) {
        try {
            return switch (filename) {
                case WheelFilename wheel -> readWheel(file, wheel, limits);
                case SdistFilename sdist -> readSdist(file, sdist, limits);
            };
        } catch (IOException e) {
            throw new InvalidDistributionException("the archive cannot be read: " + e.getMessage(), e);
        }
    }

    private static DistributionMetadata readWheel(Path file, WheelFilename wheel, ArchiveLimits limits)
            throws IOException {
        ScannedArchive archive = ZipScanner.scan(file, name -> WHEEL_METADATA.matcher(name).matches(), limits);
        TreeSet<String> distInfoDirectories = new TreeSet<>();
        for (String name : archive.names()) {
            Matcher m = DIST_INFO_DIRECTORY.matcher(name);
            if (m.matches()) {
                distInfoDirectories.add(m.group(1));
            }
        }
        if (distInfoDirectories.size() > 1) {
            throw new InvalidDistributionException("the wheel has more than one .dist-info directory, so more than one"
                    + " METADATA candidate: " + String.join(", ", distInfoDirectories));
        }
        Map.Entry<String, byte[]> found = single(archive, "the wheel has no {name}-{version}.dist-info/METADATA");
        Matcher m = WHEEL_METADATA.matcher(found.getKey());
        if (!m.matches() || !namesSameRelease(m.group(1), wheel.normalizedName(), wheel.version())) {
            throw new InvalidDistributionException("the wheel's metadata directory '" + found.getKey().split("/")[0]
                    + "' does not match its filename (" + wheel.normalizedName() + " " + wheel.version() + ")");
        }
        return parse(found);
    }

    private static DistributionMetadata readSdist(Path file, SdistFilename sdist, ArchiveLimits limits)
            throws IOException {
        boolean zip = sdist.extension().equals(".zip");
        ScannedArchive archive = zip
                ? ZipScanner.scan(file, name -> SDIST_METADATA.matcher(name).matches(), limits)
                : TarGzScanner.scan(file, name -> SDIST_METADATA.matcher(name).matches(), limits);
        return parse(single(archive, "the source distribution has no PKG-INFO in its top-level directory"));
    }

    private static Map.Entry<String, byte[]> single(ScannedArchive archive, String noneMessage) {
        List<Map.Entry<String, byte[]>> candidates = List.copyOf(archive.captured().entrySet());
        if (candidates.isEmpty()) {
            throw new InvalidDistributionException(noneMessage);
        }
        if (candidates.size() > 1) {
            throw new InvalidDistributionException("the archive holds more than one core metadata file: "
                    + candidates.get(0).getKey() + ", " + candidates.get(1).getKey());
        }
        return candidates.get(0);
    }

    /** Whether a dist-info stem such as {@code Foo_Bar-1.0} names this project and version. */
    private static boolean namesSameRelease(String stem, String normalizedName, Version version) {
        int dash = stem.lastIndexOf('-');
        if (dash < 0) {
            return false;
        }
        String versionPart = stem.substring(dash + 1);
        return ProjectName.normalize(stem.substring(0, dash)).equals(normalizedName) && Version.isValid(versionPart)
                && Version.parse(versionPart).equals(version);
    }

    private static DistributionMetadata parse(Map.Entry<String, byte[]> file) {
        try {
            return new DistributionMetadata(file.getKey(), file.getValue(), CoreMetadata.parse(file.getValue()));
        } catch (InvalidMetadataException e) {
            throw new InvalidDistributionException(file.getKey() + ": " + e.getMessage(), e);
        }
    }
}
