package dev.sluice.index.gates;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.index.Refused;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.Resource;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An explicit merge: a project's page lists the files of every source that has it, so versions from several
 * sources mix. <strong>Unsafe against dependency confusion</strong> when any source is public: whoever
 * publishes a higher version of an internal name there wins the install. Use it for sources that are all
 * trusted (two internal indexes, a folder of vetted wheels beside hosted uploads); FirstOwner is the safe
 * choice otherwise.
 *
 * <p>It fails closed: a source that cannot answer makes the whole answer unavailable (a partial merge could
 * silently install an older version), and a filename two sources give different bytes for is held back and
 * refused, as nobody can tell which is right.
 */
public final class Union implements Repository {
    public static final String NAME = "union";

    private final List<Repository> sources;

    public Union(List<Repository> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("Union needs at least one source");
        }
        this.sources = List.copyOf(sources);
    }

    @Override
    public ProjectList projects(RequestContext context) {
        List<ProjectList> lists = sources.stream().map(source -> source.projects(context)).toList();
        long serial = lists.stream().mapToLong(ProjectList::lastSerial).sum();
        return ProjectList.merge(serial, lists, (a, b) -> new ProjectList.Entry(a.displayName(), a.normalizedName(),
                a.lastSerial() + b.lastSerial()));
    }

    @Override
    public ProjectPage project(ProjectName name, RequestContext context) {
        return merge(name, context).page();
    }

    @Override
    public Resource file(ProjectName name, String filename, RequestContext context) {
        return holder(name, filename, context).file(name, filename, context).passedGate(NAME);
    }

    @Override
    public Resource metadata(ProjectName name, String filename, RequestContext context) {
        return holder(name, filename, context).metadata(name, filename, context).passedGate(NAME);
    }

    private Repository holder(ProjectName name, String filename, RequestContext context) {
        Merged merged = merge(name, context);
        Repository holder = merged.holders().get(filename);
        if (holder != null) {
            return holder;
        }
        for (Provenance.Hidden h : merged.page().provenance().hidden()) {
            if (h.filename().equals(filename) && h.gate().equals(NAME)) {
                throw new Refused(NAME, "'" + filename + "': " + h.reason());
            }
        }
        throw new FileNotFound(name.value(), filename);
    }

    private record Merged(ProjectPage page, Map<String, Repository> holders) {}

    private Merged merge(ProjectName name, RequestContext context) {
        Map<String, DistributionFile> files = new LinkedHashMap<>();
        Map<String, Repository> holders = new LinkedHashMap<>();
        Map<String, String> holderNames = new LinkedHashMap<>();
        Map<String, String> disagreements = new TreeMap<>();
        List<String> answered = new ArrayList<>();
        List<Provenance.Hidden> hiddenBelow = new ArrayList<>();
        ProjectPage first = null;
        String stale = null;
        long serial = 0;
        for (Repository source : sources) {
            ProjectPage page;
            try {
                page = source.project(name, context);
            } catch (ProjectNotFound notHere) {
                continue;
            }
            first = first == null ? page : first;
            serial += page.lastSerial();
            answered.add(page.provenance().source());
            stale = stale == null ? page.provenance().staleReason() : stale;
            hiddenBelow.addAll(page.provenance().hidden());
            for (DistributionFile f : page.files()) {
                DistributionFile earlier = files.putIfAbsent(f.filename(), f);
                if (earlier == null) {
                    holders.put(f.filename(), source);
                    holderNames.put(f.filename(), page.provenance().source());
                } else if (earlier.sha256() == null || !earlier.sha256().equals(f.sha256())) {
                    disagreements.put(f.filename(), "sources disagree on its content (sha256 " + earlier.sha256()
                            + " from " + holderNames.get(f.filename()) + ", " + f.sha256() + " from " + page.provenance().source() + ")");
                }
            }
        }
        if (first == null) {
            throw new ProjectNotFound(name.value());
        }
        List<Provenance.Hidden> hidden = new ArrayList<>(hiddenBelow);
        disagreements.forEach((filename, reason) -> {
            files.remove(filename);
            holders.remove(filename);
            hidden.add(new Provenance.Hidden(filename, NAME, reason, null));
        });
        List<DistributionFile> ordered = new ArrayList<>(files.values());
        ordered.sort(Comparator.comparing((DistributionFile f) -> Version.parse(f.version())).thenComparing(DistributionFile::filename));
        Provenance provenance = new Provenance(String.join("+", answered), List.of(NAME), stale, List.copyOf(hidden));
        return new Merged(new ProjectPage(first.name(), first.displayName(), serial, ordered, provenance), holders);
    }
}
