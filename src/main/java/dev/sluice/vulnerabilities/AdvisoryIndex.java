package dev.sluice.vulnerabilities;

import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The advisories in force, by project, in memory; one index per state of the data, replaced whole after an import.
 * Which advisories affect a version is evaluated once per project and version and then remembered, so serving a page
 * costs a lookup per file, never a walk through ranges; a version a project gains later is evaluated the first time
 * it is asked for. Records of one vulnerability (linked by aliases) are shown once.
 */
final class AdvisoryIndex {
    /** Versions remembered per project at most: pages list real versions, hundreds at most for most projects. */
    private static final int MEMO_PER_PROJECT = 20_000;
    private static final Comparator<Advisory> SHOWN_FIRST = Comparator.comparingInt(Advisory::rank).thenComparing(Advisory::id);

    private final Map<String, List<Advisory>> byProject;
    private final Map<String, Advisory> byId;
    /** Malicious-package records by the sha256 of a file they list. */
    private final Map<String, Advisory> byFileSha256;
    private final Map<String, Map<String, List<Advisory>>> memo = new ConcurrentHashMap<>();
    private final long generation;

    private AdvisoryIndex(Map<String, List<Advisory>> byProject, Map<String, Advisory> byId, Map<String, Advisory> byFileSha256,
            long generation) {
        this.byProject = byProject;
        this.byId = byId;
        this.byFileSha256 = byFileSha256;
        this.generation = generation;
    }

    /** Builds the index from the records in force (withdrawn ones are not handed over), one by one as JSON. */
    static AdvisoryIndex build(Consumer<Consumer<String>> records, long generation) {
        Map<String, List<Advisory>> byProject = new HashMap<>();
        Map<String, Advisory> byId = new HashMap<>();
        Map<String, Advisory> byFileSha256 = new HashMap<>();
        records.accept(json -> {
            OsvRecord record;
            try {
                record = OsvRecordParser.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), false, w -> {});
            } catch (MalformedRecord e) {
                return; // was read once already; cannot happen unless the table was edited by hand
            }
            Advisory advisory = Advisory.of(record);
            byId.put(advisory.id(), advisory);
            advisory.affected().forEach(a -> a.fileSha256().forEach(h -> byFileSha256.putIfAbsent(h, advisory)));
            advisory.affected().stream().map(a -> a.project().value()).distinct()
                    .forEach(p -> byProject.computeIfAbsent(p, k -> new ArrayList<>()).add(advisory));
        });
        byProject.replaceAll((p, list) -> List.copyOf(list));
        return new AdvisoryIndex(Map.copyOf(byProject), Map.copyOf(byId), Map.copyOf(byFileSha256), generation);
    }

    /** Which state of the data this is: it changes with every import that changed something. */
    long generation() {
        return generation;
    }

    boolean covers(ProjectName project) {
        return byProject.containsKey(project.value());
    }

    Set<String> projects() {
        return byProject.keySet();
    }

    int size() {
        return byId.size();
    }

    /** An advisory by its id or one of its aliases (the first such, by id), or null. */
    Advisory named(String name) {
        Advisory exact = byId.get(name);
        if (exact != null) {
            return exact;
        }
        return byId.values().stream().filter(a -> a.isNamed(name)).min(SHOWN_FIRST).orElse(null);
    }

    /** The malicious-package record listing a file by its sha256, or null. */
    Advisory listingFile(String sha256) {
        return byFileSha256.get(sha256);
    }

    /** Every advisory naming the project, however its versions stand. */
    List<Advisory> ofProject(ProjectName project) {
        return byProject.getOrDefault(project.value(), List.of());
    }

    /** The advisories that affect the version of the project, each vulnerability once, worst first. */
    List<Advisory> affecting(ProjectName project, String version) {
        List<Advisory> candidates = byProject.get(project.value());
        if (candidates == null) {
            return List.of();
        }
        Map<String, List<Advisory>> versions = memo.computeIfAbsent(project.value(), p -> new ConcurrentHashMap<>());
        List<Advisory> known = versions.get(version);
        if (known != null) {
            return known;
        }
        List<Advisory> found = evaluate(candidates, project, version);
        if (versions.size() < MEMO_PER_PROJECT) {
            versions.put(version, found);
        }
        return found;
    }

    private static List<Advisory> evaluate(List<Advisory> candidates, ProjectName project, String versionText) {
        Version version = Version.isValid(versionText) ? Version.parse(versionText) : null;
        List<Advisory> hits = new ArrayList<>();
        for (Advisory a : candidates) {
            if (affects(a, project, version, versionText)) {
                hits.add(a);
            }
        }
        if (hits.isEmpty()) {
            return List.of();
        }
        hits.sort(SHOWN_FIRST);
        List<Advisory> shown = new ArrayList<>();
        for (Advisory hit : hits) {
            int same = -1;
            for (int i = 0; i < shown.size() && same < 0; i++) {
                if (shown.get(i).sameAs(hit)) {
                    same = i;
                }
            }
            if (same < 0) {
                shown.add(hit);
            } else {
                shown.set(same, shown.get(same).joinedWith(hit));
            }
        }
        shown.sort(Advisory.WORST_FIRST.thenComparing(SHOWN_FIRST));
        return List.copyOf(shown);
    }

    /** The OSV rules for one advisory, one project and one version as written (PEP 440 or not). */
    static boolean affects(Advisory advisory, ProjectName project, String versionText) {
        return affects(advisory, project, Version.isValid(versionText) ? Version.parse(versionText) : null, versionText);
    }

    /** As {@link #affects(Advisory, ProjectName, String)}, with the version parsed once (null when it is no PEP 440 version). */
    static boolean affects(Advisory advisory, ProjectName project, Version version, String versionText) {
        for (AffectedPackage p : advisory.affected()) {
            if (p.project().equals(project)
                    && (version != null ? p.affects(version) : p.affectsUnparsable(versionText))) {
                return true;
            }
        }
        return false;
    }
}
