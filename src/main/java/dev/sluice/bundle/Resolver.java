package dev.sluice.bundle;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.pep.CoreMetadata;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.InvalidFilenameException;
import dev.sluice.pep.Marker;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Requirement;
import dev.sluice.pep.SdistFilename;
import dev.sluice.pep.Version;
import dev.sluice.pep.WheelFilename;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Finds one file per project that together satisfy a set of requirements on one target, as pip's resolver would:
 * the newest version first, the best wheel of a version for the target's tags, markers and extras evaluated for the
 * target, {@code Requires-Python} from the index and from the metadata, yanked files only when pinned. When a
 * choice leads to a conflict it backtracks to the most recent choice and tries that project's next version. Projects
 * are chosen in pip's order: pinned ({@code ==}) first, then by depth from the user's requirements, the order the
 * user gave them, constrained before free, and by name. Dependencies come from core metadata (PEP 658), never from
 * running a build.
 */
public final class Resolver {
    /** Attempts to pin a version before giving up on a search that is going nowhere (pip allows 200,000 rounds). */
    static final int MAX_ATTEMPTS = 200_000;

    private final CandidateSource index;
    private final TargetEnvironment target;
    private final boolean allowSdist;
    private final Map<ProjectName, List<DistributionFile>> pages = new HashMap<>();
    private final Map<String, CoreMetadata> metadata = new HashMap<>();
    private final Map<ProjectName, Integer> requestedOrder = new HashMap<>();
    private int attempts;
    private Conflict lastConflict;

    /**
     * @param allowSdist whether a version with no wheel for the target may be taken as its sdist
     */
    public Resolver(CandidateSource index, TargetEnvironment target, boolean allowSdist) {
        this.index = index;
        this.target = target;
        this.allowSdist = allowSdist;
    }

    /**
     * @throws ResolutionImpossible naming the conflict, the missing project, or the file that fits no target
     */
    public Resolution resolve(List<Requirement> requirements) throws IOException {
        State state = new State(new LinkedHashMap<>(), new LinkedHashMap<>());
        try {
            for (Requirement r : requirements) {
                if (applies(r.marker(), "")) {
                    requestedOrder.putIfAbsent(r.projectName(), requestedOrder.size());
                    add(state, r, null);
                }
            }
        } catch (Conflict conflict) {
            throw impossible(conflict);
        }
        State solved = solve(state);
        if (solved == null) {
            throw impossible(lastConflict);
        }
        List<Candidate> files = solved.pins.values().stream().map(Pinned::candidate)
                .sorted(Comparator.comparing(Candidate::project)).toList();
        return new Resolution(target, files);
    }

    private ResolutionImpossible impossible(Conflict conflict) {
        return new ResolutionImpossible("cannot resolve the requirements for " + target + ": "
                + (conflict == null ? "no solution" : conflict.getMessage()));
    }

    private State solve(State state) throws IOException {
        ProjectName next = choose(state);
        if (next == null) {
            return state;
        }
        Criterion criterion = state.criteria.get(next);
        for (Candidate candidate : candidates(next, criterion)) {
            if (++attempts > MAX_ATTEMPTS) {
                throw new ResolutionImpossible("cannot resolve the requirements for " + target + ": gave up after "
                        + MAX_ATTEMPTS + " attempts" + (lastConflict == null ? "" : "; the last conflict: " + lastConflict.getMessage()));
            }
            State tried = state.copy();
            try {
                Set<String> extras = provided(candidate, criterion.extras());
                tried.pins.put(next, new Pinned(candidate, extras));
                addDependencies(tried, candidate, extras, true);
            } catch (Conflict conflict) {
                lastConflict = conflict;
                continue;
            }
            State solved = solve(tried);
            if (solved != null) {
                return solved;
            }
        }
        return null;
    }

    /** The unpinned project to decide next, in pip's order of preference; null when every project is pinned. */
    private ProjectName choose(State state) {
        Comparator<Map.Entry<ProjectName, Criterion>> preference = Comparator
                .comparing((Map.Entry<ProjectName, Criterion> e) -> !e.getValue().pins())
                .thenComparingDouble(e -> e.getValue().depth)
                .thenComparingInt(e -> requestedOrder.getOrDefault(e.getKey(), Integer.MAX_VALUE))
                .thenComparing(e -> !e.getValue().constrains())
                .thenComparing(e -> e.getKey().toString());
        return state.criteria.entrySet().stream().filter(e -> !state.pins.containsKey(e.getKey()))
                .min(preference).map(Map.Entry::getKey).orElse(null);
    }

    private void add(State state, Requirement requirement, Candidate parent) throws IOException, Conflict {
        ProjectName name = requirement.projectName();
        String by = parent == null ? "requested" : "required by " + parent;
        if (requirement.url() != null) {
            throw new Conflict(requirement + " (" + by + ") names a URL: a bundle carries files of an index only");
        }
        Criterion before = state.criteria.get(name);
        double depth = parent == null ? 1.0 : state.criteria.get(parent.project()).depth + 1.0;
        Criterion criterion = (before == null ? new Criterion(List.of(), depth) : before).with(new Ask(requirement, parent), depth);
        state.criteria.put(name, criterion);
        Pinned pinned = state.pins.get(name);
        if (pinned != null) {
            if (!requirement.specifier().contains(pinned.candidate.version(), true)) {
                throw new Conflict(conflictText(name, criterion));
            }
            Set<String> added = provided(pinned.candidate, requirement.extras());
            added.removeAll(pinned.extras);
            if (!added.isEmpty()) {
                Set<String> all = new LinkedHashSet<>(pinned.extras);
                all.addAll(added);
                state.pins.put(name, new Pinned(pinned.candidate, all));
                addDependencies(state, pinned.candidate, added, false);
            }
        } else if (candidates(name, criterion).isEmpty()) {
            throw new Conflict(conflictText(name, criterion));
        }
    }

    /** Adds what a pinned file requires: its base dependencies (when {@code base}) and those of the extras given. */
    private void addDependencies(State state, Candidate candidate, Set<String> extras, boolean base) throws IOException, Conflict {
        CoreMetadata meta = metadata(candidate);
        if (base && !target.admits(meta.requiresPython())) {
            throw new Conflict(candidate + " requires Python " + meta.requiresPython());
        }
        for (String line : meta.requiresDist()) {
            Requirement dependency;
            try {
                dependency = Requirement.parse(line);
            } catch (RuntimeException e) {
                throw new Conflict(candidate + " has an invalid Requires-Dist '" + line + "': " + e.getMessage());
            }
            boolean applies = base && applies(dependency.marker(), "");
            for (String extra : extras) {
                applies |= applies(dependency.marker(), extra);
            }
            if (applies) {
                add(state, dependency, candidate);
            }
        }
    }

    /**
     * The asked extras the file's metadata declares ({@code Provides-Extra}), as pip takes them: one it does not
     * declare brings nothing. Compared in PEP 685's normal form.
     */
    private Set<String> provided(Candidate candidate, Set<String> asked) throws IOException {
        Set<String> declared = new java.util.HashSet<>();
        metadata(candidate).providesExtra().forEach(e -> declared.add(normalExtra(e)));
        Set<String> provided = new LinkedHashSet<>();
        for (String extra : asked) {
            if (declared.contains(normalExtra(extra))) {
                provided.add(extra);
            }
        }
        return provided;
    }

    private static String normalExtra(String extra) {
        return extra.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    private boolean applies(Marker marker, String extra) {
        if (marker == null) {
            return extra.isEmpty();
        }
        Map<String, String> environment = new HashMap<>(target.markers());
        environment.put("extra", extra);
        try {
            return marker.evaluate(environment);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The versions a criterion admits on the target, newest first, each as its best file. */
    private List<Candidate> candidates(ProjectName name, Criterion criterion) throws IOException {
        Map<Version, Best> byVersion = new TreeMap<>(Comparator.reverseOrder());
        for (DistributionFile file : page(name)) {
            DistributionFilename parsed;
            try {
                parsed = DistributionFilename.parse(file.filename(), name);
            } catch (InvalidFilenameException e) {
                continue;
            }
            if (!parsed.normalizedName().equals(name.toString()) || !target.admits(file.requiresPython())) {
                continue;
            }
            int priority;
            if (parsed instanceof WheelFilename wheel) {
                priority = target.tags().priority(wheel);
                if (priority < 0) {
                    continue;
                }
            } else if (parsed instanceof SdistFilename && allowSdist) {
                priority = Integer.MAX_VALUE;
            } else {
                continue;
            }
            Best seen = byVersion.get(parsed.version());
            Best offered = new Best(file, priority, parsed instanceof WheelFilename w ? build(w) : -1);
            if (seen == null || offered.betterThan(seen)) {
                byVersion.put(parsed.version(), offered);
            }
        }
        List<Version> admitted = new ArrayList<>(byVersion.keySet());
        for (Ask ask : criterion.asks) {
            admitted = ask.requirement.specifier().filter(admitted, null);
        }
        boolean allYanked = admitted.stream().allMatch(v -> byVersion.get(v).file.yanked());
        boolean pinned = criterion.pinsExactly();
        List<Candidate> candidates = new ArrayList<>();
        for (Version v : admitted) {
            DistributionFile file = byVersion.get(v).file;
            if (!file.yanked() || (allYanked && pinned)) {
                candidates.add(new Candidate(name, v, file));
            }
        }
        return candidates;
    }

    private static int build(WheelFilename wheel) {
        try {
            return wheel.buildNumber() == null ? -1 : Integer.parseInt(wheel.buildNumber());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private List<DistributionFile> page(ProjectName name) throws IOException {
        List<DistributionFile> files = pages.get(name);
        if (files == null) {
            try {
                files = index.files(name);
            } catch (ProjectNotFound e) {
                files = List.of();
            }
            pages.put(name, files);
        }
        return files;
    }

    private CoreMetadata metadata(Candidate candidate) throws IOException {
        String key = candidate.project() + "/" + candidate.file().filename();
        CoreMetadata known = metadata.get(key);
        if (known == null) {
            known = index.metadata(candidate.project(), candidate.file());
            metadata.put(key, known);
        }
        return known;
    }

    /** Why no version of a project fits, naming every requirement on it and who made it. */
    private String conflictText(ProjectName name, Criterion criterion) throws IOException {
        String asks = criterion.asks.stream().map(a -> a.requirement.name() + a.requirement.specifier()
                + (a.parent == null ? " (requested)" : " (required by " + a.parent + ")")).distinct()
                .collect(Collectors.joining(", "));
        if (page(name).isEmpty()) {
            return "the index has no project '" + name + "': " + asks;
        }
        List<Candidate> any = candidates(name, new Criterion(List.of(new Ask(Requirement.parse(name.toString()), null)), 1.0));
        if (any.isEmpty()) {
            return "no file of " + name + " installs on " + target + (allowSdist ? "" : " (wheels only; --allow-sdist takes sdists)")
                    + ": " + asks;
        }
        return "no version of " + name + " satisfies " + asks + "; versions for this target: "
                + any.stream().limit(10).map(c -> c.version().toString()).collect(Collectors.joining(", "))
                + (any.size() > 10 ? ", ..." : "");
    }

    /** A requirement and the file that made it (null: the user). */
    private record Ask(Requirement requirement, Candidate parent) {}

    /** Everything asked of one project so far, and how far it is from the user's requirements. */
    private record Criterion(List<Ask> asks, double depth) {
        Criterion with(Ask ask, double askedDepth) {
            List<Ask> more = new ArrayList<>(asks);
            more.add(ask);
            return new Criterion(List.copyOf(more), Math.min(depth, askedDepth));
        }

        Set<String> extras() {
            Set<String> extras = new LinkedHashSet<>();
            asks.forEach(a -> extras.addAll(a.requirement.extras()));
            return extras;
        }

        /** Whether any requirement says {@code ==} or {@code ===}: pip decides those first. */
        boolean pins() {
            return asks.stream().flatMap(a -> a.requirement.specifier().specifiers().stream())
                    .anyMatch(s -> s.operator().startsWith("=="));
        }

        /** Whether any requirement pins one version: {@code ==} without a wildcard, or {@code ===} (PEP 592's test). */
        boolean pinsExactly() {
            return asks.stream().flatMap(a -> a.requirement.specifier().specifiers().stream())
                    .anyMatch(s -> s.operator().equals("===") || (s.operator().equals("==") && !s.version().endsWith(".*")));
        }

        boolean constrains() {
            return asks.stream().anyMatch(a -> !a.requirement.specifier().isEmpty());
        }
    }

    private record Pinned(Candidate candidate, Set<String> extras) {}

    private record Best(DistributionFile file, int priority, int build) {
        boolean betterThan(Best other) {
            return priority != other.priority ? priority < other.priority : build > other.build;
        }
    }

    /** The criteria and the pins of one point of the search; copied before each choice, so backtracking is a return. */
    private record State(LinkedHashMap<ProjectName, Criterion> criteria, LinkedHashMap<ProjectName, Pinned> pins) {
        State copy() {
            return new State(new LinkedHashMap<>(criteria), new LinkedHashMap<>(pins));
        }
    }

    /** A choice that cannot stand; its message says why. */
    private static final class Conflict extends Exception {
        private static final long serialVersionUID = 1L;

        Conflict(String message) {
            super(message, null, false, false);
        }
    }
}
