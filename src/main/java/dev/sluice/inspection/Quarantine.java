package dev.sluice.inspection;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.index.Refused;
import dev.sluice.index.Repository;
import dev.sluice.index.gates.FileCheckingGate;
import dev.sluice.index.gates.JudgedPages;
import dev.sluice.index.RequestContext;
import dev.sluice.pep.ProjectName;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The inspection's gate, around every route: a file whose verdict is at the route's threshold or worse (malicious by
 * default) and not released is quarantined: not on the page, and its URL (metadata too) answers 403 naming the
 * finding. A project whose every file is quarantined says so in its PEP 792 status. A flagged file the route still
 * serves (suspicious under the default, or released) stays on the page with its findings under {@code _findings}.
 * Files never flagged pass with one lookup each; a file request needs the page only when a file of its filename was
 * flagged at the route's threshold (so that a cached file is served without its upstream, as before). What the gate
 * made of a page is kept until the page or any verdict changes: a page of 2,000 flagged files costs milliseconds to
 * judge (each finding written for people), and the simple API asks for it on every request.
 */
final class Quarantine extends FileCheckingGate {
    static final String NAME = "inspection";

    private final Verdict threshold;
    private final Function<String, StoredVerdict> flagged;
    private final Predicate<String> flaggedFilename;
    private final java.util.function.LongSupplier verdictGeneration;
    private final JudgedPages<Judged> judged = new JudgedPages<>();

    /** The verdicts' generation a page was judged at, and what the gate made of it. */
    private record Judged(long generation, ProjectPage output) {}

    /**
     * @param flagged a file's verdict by sha256 when it is not clean, else null
     * @param flaggedFilename whether some file of this filename was flagged at the threshold or worse
     * @param verdictGeneration changes whenever any verdict or decision does
     */
    Quarantine(Repository next, Verdict threshold, Function<String, StoredVerdict> flagged, Predicate<String> flaggedFilename,
            java.util.function.LongSupplier verdictGeneration) {
        super(next, NAME);
        this.threshold = threshold;
        this.flagged = flagged;
        this.flaggedFilename = flaggedFilename;
        this.verdictGeneration = verdictGeneration;
    }

    @Override
    public ProjectPage project(ProjectName name, RequestContext context) {
        ProjectPage page = next.project(name, context);
        long generation = verdictGeneration.getAsLong(); // read before judging: a change meanwhile makes the next call judge again
        Judged known = judged.get(name, page, ProjectPage::equals);
        if (known != null && known.generation() == generation) {
            return known.output();
        }
        ProjectPage output = judge(page);
        judged.put(name, page, new Judged(generation, output));
        return output;
    }

    private ProjectPage judge(ProjectPage page) {
        List<DistributionFile> visible = new ArrayList<>(page.files().size());
        List<Provenance.Hidden> hidden = new ArrayList<>();
        List<Provenance.Flagged> flags = new ArrayList<>();
        for (DistributionFile f : page.files()) {
            StoredVerdict v = flagged.apply(f.sha256());
            if (v == null) {
                visible.add(f);
            } else if (v.blocks(threshold)) {
                hidden.add(new Provenance.Hidden(f.filename(), NAME, "quarantined: " + v.reason(), null));
            } else {
                visible.add(f);
                flags.add(new Provenance.Flagged(f.filename(), NAME, v.released() ? "released" : v.verdict().label(),
                        Provenance.Flagged.Kind.FINDINGS, evidence(v, f.filename())));
            }
        }
        Provenance provenance = page.provenance().withGate(NAME);
        if (hidden.isEmpty() && flags.isEmpty()) {
            return page.withFiles(page.files(), provenance);
        }
        ProjectPage gated = page.withFiles(visible, provenance.withHidden(hidden).withFlagged(flags));
        return visible.isEmpty() ? gated.withStatus(ProjectPage.QUARANTINED, "every file is quarantined: " + hidden.get(0).reason()
                .substring("quarantined: ".length())) : gated;
    }

    /**
     * The findings people should see, as they read them; a finding about the whole distribution names the file shown
     * (the same bytes may be listed under another filename than the one they were judged as).
     */
    private static List<String> evidence(StoredVerdict v, String shownAs) {
        return v.findings().stream().filter(x -> x.severity() != Finding.Severity.NOTE)
                .map(x -> x.file().equals(v.filename()) ? new Finding(x.rule(), x.severity(), shownAs, x.line(), x.excerpt()) : x)
                .map(Finding::describe).toList();
    }

    @Override
    protected void check(ProjectName name, String filename, RequestContext context) {
        if (!flaggedFilename.test(filename)) {
            return;
        }
        for (DistributionFile f : next.project(name, context).files()) {
            if (f.filename().equals(filename)) {
                StoredVerdict v = flagged.apply(f.sha256());
                if (v != null && v.blocks(threshold)) {
                    throw new Refused(NAME, "'" + filename + "' is quarantined (" + v.id() + "): " + v.reason());
                }
                return;
            }
        }
    }
}
