package dev.sluice.inspection;

import dev.sluice.archive.ArchiveFiles;
import dev.sluice.archive.ArchiveLimits;
import dev.sluice.archive.InvalidDistributionException;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.SdistFilename;
import dev.sluice.util.Digests;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks inside a distribution: every file through the content rules (the first {@link #INSPECTED_BYTES} of each), a
 * wheel's files against its RECORD, and the project's name against popular and hosted names. The findings make a
 * verdict: {@code malicious} when any finding is, {@code suspicious} when any is, else {@code clean} (notes alone,
 * such as a name one letter from a popular one, change nothing). Reads the archive once, as it streams from disk.
 */
final class Inspector {
    /** How much of each file the rules read: code that runs at install or import is near the top of real files. */
    static final int INSPECTED_BYTES = 1 << 20;
    static final String TYPOSQUAT = "typosquat";

    /** The verdict and the findings behind it. */
    record Report(Verdict verdict, List<Finding> findings) {
        static Report of(List<Finding> findings) {
            List<Finding> all = combined(findings);
            return new Report(Inspector.verdict(all), List.copyOf(all));
        }

        /** The finding that decided a malicious or suspicious verdict, as people read it; null for a clean one. */
        String reason() {
            return findings.stream().filter(f -> f.severity().name().equals(verdict.name())).findFirst()
                    .map(Finding::describe).orElse(null);
        }

        /** This report with more findings (found elsewhere, such as a malicious-package record), the verdict made again. */
        Report with(List<Finding> more) {
            if (more.isEmpty()) {
                return this;
            }
            List<Finding> all = new ArrayList<>(findings);
            all.addAll(more);
            return of(all);
        }
    }

    /** Every content rule, in the order findings are listed. */
    static final List<ContentRule> RULES = List.of(new PthImportLine(), new EncodedExecution(), new ShadyEndpoint(),
            new NativeExecutable(), new InstallHook(), new DownloadExecute(), new Exfiltration());
    private final ArchiveLimits limits;

    Inspector(ArchiveLimits limits) {
        this.limits = limits;
    }

    /** The popular names, read on first use (about 150 ms): a server that takes no upload never pays for them. */
    private static final class PopularProjects {
        static final Typosquats TYPOSQUATS = Typosquats.ofPopularProjects();
    }

    /**
     * @param hosted the names hosted here (normal form), protected from imitation like popular ones
     * @throws InvalidDistributionException when the archive cannot be read within its limits
     */
    Report inspect(Path file, DistributionFilename filename, ProjectName project, Collection<String> hosted) {
        List<Finding> findings = new ArrayList<>();
        boolean sdist = filename instanceof SdistFilename;
        Map<String, String> hashes = new LinkedHashMap<>();
        String[] record = new String[2]; // path, text
        String[] metadata = new String[1];
        ArchiveFiles.forEach(file, filename, limits, (name, content) -> {
            MessageDigest sha256 = sha256();
            InspectedFile inspected = new InspectedFile(name, readDigesting(content, sha256), sdist);
            hashes.put(name, WheelRecord.encode(sha256.digest()));
            if (name.matches("[^/]+\\.dist-info/RECORD")) {
                record[0] = name;
                record[1] = inspected.text();
            } else if (sdist ? name.matches("[^/]+/PKG-INFO") : name.matches("[^/]+\\.dist-info/METADATA")) {
                metadata[0] = inspected.text();
            }
            for (ContentRule rule : RULES) {
                rule.inspect(inspected, findings::add);
            }
        });
        PlaceholderRelease.check(filename, metadata[0], findings::add);
        if (!sdist) {
            WheelRecord.check(filename.filename(), record[0], record[1], hashes, findings::add);
        }
        for (Resemblance r : resemblances(project, hosted)) {
            findings.add(new Finding(TYPOSQUAT, r.kind().strong() ? Finding.Severity.SUSPICIOUS : Finding.Severity.NOTE,
                    filename.filename(), 0, "'" + project + "' " + r.describe()));
        }
        return Report.of(findings);
    }

    /**
     * Findings that weigh more together: a file changed after the wheel's RECORD was written that also holds suspicious
     * code is a tampered file, malicious (each alone is suspicious: redistributors patch files, and real code trips
     * suspicious rules); a placeholder release with suspicious code or a name imitating another is malicious.
     */
    static List<Finding> combined(List<Finding> findings) {
        return placeholderWithSignals(tamperedFiles(findings));
    }

    private static List<Finding> placeholderWithSignals(List<Finding> findings) {
        Finding placeholder = findings.stream().filter(f -> f.rule().equals(PlaceholderRelease.ID)).findFirst().orElse(null);
        // a signal about what the code does or what the name imitates; a loose RECORD or an odd archive is sloppiness
        Finding signal = findings.stream().filter(f -> f.severity() == Finding.Severity.SUSPICIOUS
                && !f.rule().equals(WheelRecord.ID) && !f.rule().equals(Inspection.ARCHIVE_LIMITS)).findFirst().orElse(null);
        if (placeholder == null || signal == null) {
            return findings;
        }
        List<Finding> combined = new ArrayList<>(findings);
        combined.add(new Finding(PlaceholderRelease.ID, Finding.Severity.MALICIOUS, signal.file(), signal.line(),
                placeholder.excerpt() + ", and " + signal.rule() + " found: " + signal.excerpt()));
        return combined;
    }

    private static List<Finding> tamperedFiles(List<Finding> findings) {
        java.util.Set<String> changed = new java.util.HashSet<>();
        for (Finding f : findings) {
            if (f.rule().equals(WheelRecord.ID) && f.excerpt().startsWith(WheelRecord.CHANGED)) {
                changed.add(f.file());
            }
        }
        if (changed.isEmpty()) {
            return findings;
        }
        List<Finding> combined = new ArrayList<>(findings);
        for (Finding f : findings) {
            if (!f.rule().equals(WheelRecord.ID) && f.severity() == Finding.Severity.SUSPICIOUS && changed.contains(f.file())) {
                combined.add(new Finding(WheelRecord.ID, Finding.Severity.MALICIOUS, f.file(), f.line(),
                        "changed after its RECORD was written, and " + f.rule() + " found: " + f.excerpt()));
            }
        }
        return combined;
    }

    /** The popular and hosted names this one resembles. */
    static List<Resemblance> resemblances(ProjectName project, Collection<String> hosted) {
        return PopularProjects.TYPOSQUATS.of(project, hosted);
    }

    static Verdict verdict(List<Finding> findings) {
        if (findings.stream().anyMatch(f -> f.severity() == Finding.Severity.MALICIOUS)) {
            return Verdict.MALICIOUS;
        }
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.SUSPICIOUS) ? Verdict.SUSPICIOUS : Verdict.CLEAN;
    }

    /** The file's first {@link #INSPECTED_BYTES}, with every byte of it (the rest too) given to the digest. */
    private static byte[] readDigesting(InputStream content, MessageDigest digest) throws java.io.IOException {
        byte[] head = content.readNBytes(INSPECTED_BYTES);
        digest.update(head);
        byte[] buffer = new byte[64 * 1024];
        for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return head;
    }

    private static MessageDigest sha256() {
        return Digests.newSha256();
    }
}
