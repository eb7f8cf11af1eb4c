package dev.sluice.index.gates;

import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Refused;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.Resource;
import dev.sluice.pep.ProjectName;
import java.util.List;
import java.util.function.Predicate;

/**
 * Names that belong to the organisation, as PEP 752 reserves namespaces: exact names, prefixes
 * ({@code acme-*}, matched in normal form), and any name a hosted source holds. The wrapped source (an
 * upstream) never serves them, even before the first internal upload: the answer is a refusal that says why.
 *
 * <p>It protects only the names it is told about; a typosquat of an internal name is another name.
 */
public final class Reserve implements Repository {
    public static final String NAME = "reserve";
    private final Repository upstream;
    private final ReservedNames reserved;
    private final Predicate<ProjectName> heldInternally;

    /**
     * @param reserved exact names, or prefixes ending in {@code *} (e.g. {@code acme-*}), in any spelling
     * @param heldInternally whether a hosted source holds the name (those are reserved too)
     */
    public Reserve(Repository upstream, List<String> reserved, Predicate<ProjectName> heldInternally) {
        this.upstream = upstream;
        this.reserved = ReservedNames.of(reserved);
        this.heldInternally = heldInternally;
    }

    /**
     * Checks a reservation as settings give it: a project name, or a prefix ending in {@code *}.
     *
     * @throws IllegalArgumentException saying what it is not
     */
    public static void validate(String reservation) {
        boolean prefix = reservation.endsWith("*");
        // A prefix may end at a separator (acme-*); a name must be a whole, valid name.
        String bare = prefix ? reservation.substring(0, reservation.length() - 1).replaceAll("[-_.]$", "") : reservation;
        if (bare.isEmpty() || !ProjectName.isValid(bare)) {
            throw new IllegalArgumentException("'" + reservation + "' is not a project name or a prefix such as acme-*");
        }
    }

    /** Why a name is reserved, or null when it is not. */
    String reason(ProjectName name) {
        String why = reserved.reason(name);
        if (why != null) {
            return why;
        }
        if (heldInternally.test(name)) {
            return "'" + name + "' is an internal package";
        }
        return null;
    }

    @Override
    public ProjectList projects(RequestContext context) {
        return upstream.projects(context).filter(e -> reason(ProjectName.of(e.normalizedName())) == null);
    }

    @Override
    public ProjectPage project(ProjectName name, RequestContext context) {
        check(name);
        ProjectPage page = upstream.project(name, context);
        return page.withFiles(page.files(), page.provenance().withGate(NAME));
    }

    @Override
    public Resource file(ProjectName name, String filename, RequestContext context) {
        check(name);
        return upstream.file(name, filename, context).passedGate(NAME);
    }

    @Override
    public Resource metadata(ProjectName name, String filename, RequestContext context) {
        check(name);
        return upstream.metadata(name, filename, context).passedGate(NAME);
    }

    private void check(ProjectName name) {
        String reason = reason(name);
        if (reason != null) {
            throw new Refused(NAME, reason + ", never taken from the upstream");
        }
    }
}
