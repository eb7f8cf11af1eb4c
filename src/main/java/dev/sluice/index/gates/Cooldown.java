package dev.sluice.index.gates;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.Provenance;
import dev.sluice.index.Refused;
import dev.sluice.index.Repository;
import dev.sluice.index.RepositoryException;
import dev.sluice.pep.ProjectName;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Hides files younger than a period, judged by their upload time, so that a hijacked or malicious release
 * has that long to be noticed and pulled before anyone here installs it. Installers then pick the newest
 * version old enough. A file without an upload time is hidden too: its age cannot be checked. Projects
 * named as exempt pass unchanged. Hidden files cannot be fetched by URL either (403, with the reason).
 *
 * <p>It does not protect against a release that stays unnoticed longer than the period.
 */
public final class Cooldown extends FileFilterGate {
    public static final String NAME = "cooldown";

    private final Duration period;
    private final Set<String> exempt;
    private final Clock clock;

    public Cooldown(Repository next, Duration period, List<String> exemptProjects, Clock clock) {
        super(next);
        this.period = period;
        this.exempt = exemptProjects.stream().map(ProjectName::normalize).collect(Collectors.toSet());
        this.clock = clock;
    }

    @Override
    String gateName() {
        return NAME;
    }

    @Override
    Provenance.Hidden holdBack(ProjectName project, DistributionFile f) {
        if (exempt.contains(project.value())) {
            return null;
        }
        if (f.uploadTime() == null) {
            return new Provenance.Hidden(f.filename(), NAME, "no upload time: its age cannot be checked", null);
        }
        if (f.uploadTime().plus(period).isAfter(clock.instant())) {
            return new Provenance.Hidden(f.filename(), NAME, "uploaded " + f.uploadTime() + ", less than " + describe(period)
                    + " ago", f.uploadTime().plus(period));
        }
        return null;
    }

    @Override
    RepositoryException refusal(ProjectName project, Provenance.Hidden h) {
        return new Refused(NAME, "'" + h.filename() + "' is in cooldown: " + h.reason()
                + (h.until() == null ? "" : "; available from " + h.until()));
    }

    private static String describe(Duration d) {
        return d.toDays() > 0 && d.toHours() % 24 == 0 ? d.toDays() + " days"
                : d.toHours() > 0 && d.toMinutes() % 60 == 0 ? d.toHours() + " hours" : d.toMinutes() + " minutes";
    }
}
