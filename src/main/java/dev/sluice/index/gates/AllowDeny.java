package dev.sluice.index.gates;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.index.Refused;
import dev.sluice.index.Repository;
import dev.sluice.index.RepositoryException;
import dev.sluice.index.RequestContext;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * A curated list: rules name projects ({@code requests}), globs of names ({@code django-*}) or projects with
 * a PEP 440 range ({@code numpy>=1.26,<3}), always compared in normal form. With any allow rule, only projects
 * an allow rule names are served, and within a ranged rule only its versions; a deny rule refuses a project,
 * or with a range the versions in it. Refusals say which rule decided. Held-back files cannot be fetched by URL.
 *
 * <p>It judges names and versions, not contents: an allowed project's new malicious release is still allowed.
 */
public final class AllowDeny extends FileFilterGate {
    public static final String NAME = "allow-deny";

    private final List<ProjectRule> allow;
    private final List<ProjectRule> deny;

    /**
     * @throws IllegalArgumentException naming a rule that is neither a name, a glob, nor a name with a range
     */
    public AllowDeny(Repository next, List<String> allowRules, List<String> denyRules) {
        super(next);
        this.allow = allowRules.stream().map(ProjectRule::parse).toList();
        this.deny = denyRules.stream().map(ProjectRule::parse).toList();
    }

    @Override
    public ProjectList projects(RequestContext context) {
        return super.projects(context).filter(e -> projectRefusal(ProjectName.of(e.normalizedName())) == null);
    }

    @Override
    public ProjectPage project(ProjectName name, RequestContext context) {
        String refusal = projectRefusal(name);
        if (refusal != null) {
            throw new Refused(NAME, refusal);
        }
        return super.project(name, context);
    }

    /** Why the whole project is refused, or null. */
    private String projectRefusal(ProjectName project) {
        for (ProjectRule r : deny) {
            if (r.coversAllVersions() && r.namesProject(project)) {
                return "'" + project + "' is denied by the rule '" + r.text() + "'";
            }
        }
        if (!allow.isEmpty() && allow.stream().noneMatch(r -> r.namesProject(project))) {
            return "'" + project + "' is not on the allow list";
        }
        return null;
    }

    @Override
    String gateName() {
        return NAME;
    }

    @Override
    Provenance.Hidden holdBack(ProjectName project, DistributionFile f) {
        Version version = Version.parse(f.version());
        for (ProjectRule r : deny) {
            if (!r.coversAllVersions() && r.namesProject(project) && r.coversVersion(version)) {
                return new Provenance.Hidden(f.filename(), NAME, "version " + version + " is denied by the rule '" + r.text() + "'", null);
            }
        }
        List<ProjectRule> ranges = new ArrayList<>();
        for (ProjectRule r : allow) {
            if (r.namesProject(project)) {
                if (r.coversAllVersions()) {
                    return null;
                }
                ranges.add(r);
            }
        }
        if (ranges.isEmpty() || ranges.stream().anyMatch(r -> r.coversVersion(version))) {
            return null;
        }
        return new Provenance.Hidden(f.filename(), NAME, "version " + version + " is outside the allowed "
                + ranges.stream().map(ProjectRule::text).toList(), null);
    }

    @Override
    RepositoryException refusal(ProjectName project, Provenance.Hidden hidden) {
        return new Refused(NAME, "'" + hidden.filename() + "': " + hidden.reason());
    }
}
