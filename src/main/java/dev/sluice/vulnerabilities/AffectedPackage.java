package dev.sluice.vulnerabilities;

import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;
import java.util.List;
import java.util.Set;

/**
 * One PyPI package an advisory affects, evaluated the way the OSV schema says: a version is affected when it is listed
 * in {@code versions} or falls inside any ECOSYSTEM range. Listed versions compare by PEP 440 equality ({@code 1.0} is
 * {@code 1.0.0}); a listed string that is no PEP 440 version matches only the same string. Malicious-package records
 * may also list the sha256 of the package's files ({@code database_specific.indicators.package_integrity}).
 */
record AffectedPackage(ProjectName project, Set<Version> versions, Set<String> otherVersions, List<VersionRange> ranges,
        List<String> fixedIn, Set<String> fileSha256) {

    /** @return the package, with the versions its ranges name as fixed (lowest first) worked out once */
    static AffectedPackage of(ProjectName project, Set<Version> versions, Set<String> otherVersions, List<VersionRange> ranges,
            Set<String> fileSha256) {
        List<String> fixed = ranges.stream().flatMap(r -> r.fixed().stream()).sorted().distinct().map(Version::toString).toList();
        return new AffectedPackage(project, versions, otherVersions, ranges, fixed, fileSha256);
    }

    boolean affects(Version version) {
        if (versions.contains(version)) {
            return true;
        }
        for (VersionRange range : ranges) {
            if (range.includes(version)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a version string that is no PEP 440 version is listed as affected. */
    boolean affectsUnparsable(String version) {
        return otherVersions.contains(version);
    }
}
