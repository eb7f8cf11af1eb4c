package dev.sluice.index.gates;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Repository;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;
import java.util.List;
import java.util.Map;

/**
 * Yanks files of a source here (PEP 592) without touching the source: for an upstream release that is broken
 * for this organisation but not yanked where it came from. Rules name projects and versions as
 * {@link ProjectRule}s, each with a reason. Resolvers then skip those versions unless pinned exactly, as they
 * do for files yanked at the source; a file the source yanked itself keeps the source's reason.
 *
 * <p>It is not a block: a pinned install still gets the file. AllowDeny refuses versions outright.
 */
public final class YankOverride extends PageRewritingGate {
    public static final String NAME = "yank-override";

    private record Yank(ProjectRule rule, String reason) {}

    private final List<Yank> yanks;

    /**
     * @param reasons each rule (a name, glob, or name with a range) with the reason shown to installers
     * @throws IllegalArgumentException naming a rule that cannot be read
     */
    public YankOverride(Repository next, Map<String, String> reasons) {
        super(next);
        this.yanks = reasons.entrySet().stream().map(e -> new Yank(ProjectRule.parse(e.getKey()), e.getValue())).toList();
    }

    @Override
    ProjectPage rewrite(ProjectName name, ProjectPage page) {
        List<DistributionFile> files = page.files().stream().map(f -> yankIfRuled(name, f)).toList();
        return page.withFiles(files, page.provenance().withGate(NAME));
    }

    private DistributionFile yankIfRuled(ProjectName project, DistributionFile f) {
        if (f.yanked()) {
            return f;
        }
        Version version = Version.parse(f.version());
        for (Yank y : yanks) {
            if (y.rule().covers(project, version)) {
                return f.asYanked(y.reason() + " (yanked here by the rule '" + y.rule().text() + "')");
            }
        }
        return f;
    }
}
