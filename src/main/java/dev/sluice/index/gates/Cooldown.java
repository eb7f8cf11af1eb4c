package dev.sluice.index.gates;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.index.Refused;
import dev.sluice.index.Repository;
import dev.sluice.index.Resource;
import dev.sluice.pep.ProjectName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Hides files younger than a period, judged by their upload time, so that a hijacked or malicious release
 * has that long to be noticed and pulled before anyone here installs it. Installers then pick the newest
 * version old enough. A file without an upload time is hidden too: its age cannot be checked. Projects
 * named as exempt pass unchanged. Hidden files cannot be fetched by URL either.
 *
 * <p>It does not protect against a release that stays unnoticed longer than the period.
 */
public final class Cooldown implements Repository {
    public static final String NAME = "cooldown";

    private final Repository next;
    private final Duration period;
    private final Set<String> exempt;
    private final Clock clock;

    public Cooldown(Repository next, Duration period, List<String> exemptProjects, Clock clock) {
        this.next = next;
        this.period = period;
        this.exempt = exemptProjects.stream().map(ProjectName::normalize).collect(Collectors.toSet());
        this.clock = clock;
    }

    @Override
    public ProjectList projects() {
        return next.projects();
    }

    @Override
    public ProjectPage project(ProjectName name) {
        ProjectPage page = next.project(name);
        if (exempt.contains(name.value())) {
            return page;
        }
        Instant now = clock.instant();
        List<DistributionFile> visible = new ArrayList<>();
        List<Provenance.Hidden> hidden = new ArrayList<>();
        for (DistributionFile f : page.files()) {
            if (f.uploadTime() == null) {
                hidden.add(new Provenance.Hidden(f.filename(), NAME, "no upload time: its age cannot be checked", null));
            } else if (f.uploadTime().plus(period).isAfter(now)) {
                hidden.add(new Provenance.Hidden(f.filename(), NAME, "uploaded " + f.uploadTime() + ", less than "
                        + describe(period) + " ago", f.uploadTime().plus(period)));
            } else {
                visible.add(f);
            }
        }
        return new ProjectPage(page.name(), page.displayName(), page.lastSerial(), visible,
                page.provenance().withGate(NAME).withHidden(hidden));
    }

    @Override
    public Resource file(ProjectName name, String filename) {
        check(name, filename);
        return next.file(name, filename);
    }

    @Override
    public Resource metadata(ProjectName name, String filename) {
        check(name, filename);
        return next.metadata(name, filename);
    }

    private void check(ProjectName name, String filename) {
        for (Provenance.Hidden h : project(name).provenance().hidden()) {
            if (h.filename().equals(filename) && h.gate().equals(NAME)) {
                throw new Refused("'" + filename + "' is in cooldown: " + h.reason()
                        + (h.until() == null ? "" : "; available from " + h.until()));
            }
        }
    }

    private static String describe(Duration d) {
        return d.toDays() > 0 && d.toHours() % 24 == 0 ? d.toDays() + " days"
                : d.toHours() > 0 && d.toMinutes() % 60 == 0 ? d.toHours() + " hours" : d.toMinutes() + " minutes";
    }
}
