package dev.sluice.pep;

import java.util.List;
import java.util.Locale;

/** File kinds PyPI once took, or that people try to upload, each with the reason Sluice refuses it. */
final class RefusedDistributionKinds {
    private record Kind(String suffix, String reason) {}

    private static final String SDIST_FORMATS = "only .tar.gz and .zip source distributions are accepted";
    private static final List<Kind> KINDS = List.of(
            new Kind(".egg", "eggs are no longer accepted (PyPI stopped in 2023); build a wheel"),
            new Kind(".exe", "Windows installers (bdist_wininst) are not accepted; build a wheel"),
            new Kind(".msi", "Windows installers (bdist_msi) are not accepted; build a wheel"),
            new Kind(".rpm", "RPM packages (bdist_rpm) are not accepted; build a wheel"),
            new Kind(".dmg", "disk images are not accepted; build a wheel"),
            new Kind(".deb", "Debian packages are not accepted; build a wheel"),
            new Kind(".tar.bz2", SDIST_FORMATS),
            new Kind(".tar.xz", SDIST_FORMATS),
            new Kind(".tar.zst", SDIST_FORMATS),
            new Kind(".tgz", SDIST_FORMATS),
            new Kind(".tar", SDIST_FORMATS));

    private RefusedDistributionKinds() {}

    /** Why a filename that is neither a wheel nor an sdist is refused. */
    static String reason(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        for (Kind kind : KINDS) {
            if (lower.endsWith(kind.suffix())) {
                return kind.reason();
            }
        }
        return "not a distribution: a wheel ends in .whl, a source distribution in .tar.gz or .zip";
    }
}
