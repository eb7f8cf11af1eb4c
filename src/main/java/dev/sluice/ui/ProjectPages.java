package dev.sluice.ui;

import dev.sluice.http.Timestamps;
import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.inspection.Inspection;
import dev.sluice.inspection.Verdict;
import dev.sluice.pep.CoreMetadata;
import dev.sluice.pep.ProjectName;
import dev.sluice.usage.Usage;
import dev.sluice.vulnerabilities.Vulnerabilities;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a project's page shows, read through the route as pip reads it: the latest version (or the one asked for), its
 * summary and README, the install command, the release history, the files, the dependencies and the hosted projects
 * that depend on it, the source and gates that served it, its known vulnerabilities and inspection findings, and its
 * downloads per day.
 */
final class ProjectPages {

    /** The features whose facts a project page shows. */
    record Facts(Usage usage, Vulnerabilities vulnerabilities, Inspection inspection, Supplier<Collection<String>> hostedNames,
            SummaryIndex summaries) {}

    private final Supplier<Repository> route;
    private final Facts facts;
    private final Clock clock;
    private final ReverseDependencies reverse;
    /**
     * READMEs as rendered, by the digest of the metadata file they came from: a file's metadata never changes, so its
     * rendering (the costly part of a page: Markdown, then sanitising) is done once. 64 at most: one may be 512 KiB.
     */
    private final java.util.Map<String, String> readmes = java.util.Collections.synchronizedMap(new dev.sluice.util.LruMap<>(64));
    /** What pages showed, by everything that could change it (see {@link #view}): the hot pages, 32 (a 2,000-file page holds 1 MB). */
    private final java.util.Map<String, Map<String, Object>> views = java.util.Collections.synchronizedMap(new dev.sluice.util.LruMap<>(32));

    ProjectPages(Supplier<Repository> route, Facts facts, Clock clock) {
        this.route = route;
        this.facts = facts;
        this.clock = clock;
        this.reverse = new ReverseDependencies(facts.hostedNames(), this::hostedMetadata);
    }

    /**
     * The template's values for a project at a version (null: the latest).
     *
     * @return null when the version has no file here
     */
    Map<String, Object> view(ProjectName name, ProjectPage page, String version, RequestContext context, String indexUrl, long serial) {
        // What the page shows changes only with the project's page (its serial, and what the gates let this reader see),
        // a verdict, an advisory, or the route's list (dependents): kept by those, as the simple API keeps its pages.
        // Downloads change with every download: counted on each view.
        String key = indexUrl + "|" + name.value() + "|" + version + "|" + page.lastSerial() + "|" + page.files().size() + "|"
                + page.provenance().hashCode() + "|" + page.status() + "|" + facts.inspection().verdictGeneration() + "|"
                + facts.vulnerabilities().dataGeneration() + "|" + serial;
        Map<String, Object> known = views.get(key);
        if (known == null) {
            known = build(name, page, version, context, indexUrl, serial);
            if (known == null) {
                return null;
            }
            views.put(key, known);
        }
        Map<String, Object> view = new HashMap<>(known);
        view.put("chart", DownloadChart.of(facts.usage().downloadsPerDay(name.value(),
                clock.instant().minus(java.time.Duration.ofDays(DownloadChart.DAYS))), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
        return view;
    }

    private Map<String, Object> build(ProjectName name, ProjectPage page, String version, RequestContext context, String indexUrl,
            long serial) {
        List<DistributionFile> all = page.files();
        String latest = latestVersion(all);
        String shown = version == null ? latest : version;
        List<DistributionFile> ofShown = all.stream().filter(f -> f.version().equals(shown)).toList();
        if (version != null && ofShown.isEmpty()) {
            return null;
        }
        List<FileRow> rows = new ArrayList<>();
        for (DistributionFile f : version == null ? all : ofShown) {
            Verdict verdict = f.sha256() == null ? null : facts.inspection().verdictOf(f.sha256());
            rows.add(new FileRow(f.filename(), f.version(), f.pythonVersion() == null ? "" : f.pythonVersion(), size(f.size()),
                    f.uploadTime() == null ? "" : Timestamps.forPeople(f.uploadTime()), f.sha256() == null ? "" : f.sha256(), f.yanked(),
                    f.yankReason() == null || f.yankReason().isEmpty() ? null : f.yankReason(),
                    verdict == null || verdict == Verdict.CLEAN ? "" : verdict.label()));
        }
        java.util.Collections.reverse(rows); // newest first, as people read a history
        Described described = newestMetadata(name, all, context, shown);
        CoreMetadata metadata = described == null ? null : described.metadata();
        if (version == null) {
            remember(name, page, metadata, latest);
        }
        String display = page.displayName() == null ? name.value() : page.displayName();
        Map<String, Object> view = new HashMap<>();
        view.put("name", display);
        view.put("normalized", name.value());
        view.put("version", shown == null ? "" : shown);
        view.put("latest", latest == null ? "" : latest);
        view.put("pinned", version != null);
        view.put("indexUrl", indexUrl);
        view.put("source", page.provenance().source());
        view.put("gates", String.join(", ", page.provenance().gates()));
        view.put("status", page.status() == null || ProjectPage.ACTIVE.equals(page.status()) ? "" : page.status()
                + (page.statusReason() == null ? "" : ": " + page.statusReason()));
        view.put("files", rows);
        view.put("releases", Release.of(all, Timestamps::forPeople));
        view.put("readme", metadata == null ? "" : readmes.computeIfAbsent(described.digest(),
                d -> Readme.html(metadata.description(), metadata.descriptionContentType())));
        view.put("summary", metadata == null || metadata.summary() == null ? "" : metadata.summary());
        view.put("requiresPython", metadata == null || metadata.requiresPython() == null ? "" : metadata.requiresPython());
        view.put("dependencies", metadata == null ? List.of() : Dependency.of(metadata.requiresDist()));
        view.put("dependents", reverse.of(name, serial));
        view.put("advisories", shown == null ? List.of() : AdvisoryRow.of(facts.vulnerabilities().warehouseList(name, shown)));
        return Map.copyOf(view);
    }

    /** Reads the hosted project's newest metadata as Sluice itself, and keeps its summary searchable. */
    private CoreMetadata hostedMetadata(ProjectName name) {
        RequestContext internal = RequestContext.internal(clock.instant());
        ProjectPage page;
        try {
            page = route.get().project(name, internal);
        } catch (RuntimeException unavailable) {
            return null;
        }
        Described described = newestMetadata(name, page.files(), internal, null);
        CoreMetadata metadata = described == null ? null : described.metadata();
        remember(name, page, metadata, latestVersion(page.files()));
        return metadata;
    }

    private void remember(ProjectName name, ProjectPage page, CoreMetadata metadata, String latest) {
        String summary = metadata == null || metadata.summary() == null ? "" : metadata.summary();
        facts.summaries().record(new SummaryIndex.Known(name.value(), summary, latest == null ? "" : latest, page.provenance().source()));
    }

    /** Makes sure every hosted project's summary is searchable for this state of the index. */
    void refreshHosted(long serial) {
        reverse.refresh(serial);
    }

    private static String latestVersion(List<DistributionFile> files) {
        for (int i = files.size() - 1; i >= 0; i--) {
            if (!files.get(i).yanked()) {
                return files.get(i).version();
            }
        }
        return files.isEmpty() ? null : files.get(files.size() - 1).version();
    }

    /** A file's core metadata, and what names that metadata for good (its digest). */
    private record Described(CoreMetadata metadata, String digest) {}

    /**
     * The core metadata of the newest wheel (of the version, when one is given) that has it, read through the route
     * (PEP 658); null when none can be had (an sdist's PKG-INFO may be incomplete, as PyPI knows).
     *
     * @param known the project's files when the page was read already, else null
     */
    private Described newestMetadata(ProjectName name, List<DistributionFile> known, RequestContext context, String version) {
        Repository through = route.get();
        List<DistributionFile> files = known;
        if (files == null) {
            try {
                files = through.project(name, context).files();
            } catch (RuntimeException unavailable) {
                return null;
            }
        }
        for (int i = files.size() - 1; i >= 0; i--) {
            DistributionFile f = files.get(i);
            if (!f.coreMetadata() || version != null && !f.version().equals(version)) {
                continue;
            }
            try (InputStream in = through.metadata(name, f.filename(), context).openStream(0, -1)) {
                String digest = f.coreMetadataSha256() != null ? f.coreMetadataSha256() : f.filename() + "\u0000" + f.sha256();
                return new Described(CoreMetadata.parse(in.readNBytes(16 << 20)), digest);
            } catch (IOException | RuntimeException unavailable) {
                return null;
            }
        }
        return null;
    }

    static String size(long bytes) {
        if (bytes < 0) {
            return "";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kb = bytes / 1024.0;
        return kb < 1024 ? String.format(Locale.ROOT, "%.1f kB", kb) : String.format(Locale.ROOT, "%.1f MB", kb / 1024);
    }
}
