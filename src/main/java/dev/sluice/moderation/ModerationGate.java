package dev.sluice.moderation;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.index.Refused;
import dev.sluice.index.Repository;
import dev.sluice.index.gates.FileCheckingGate;
import dev.sluice.index.gates.JudgedPages;
import dev.sluice.index.RequestContext;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.ProjectName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate {@code type = "moderation"}: serves what a person or a rule approved, and (by its mode) refuses the rest
 * saying what is missing and which request is pending, opens requests for what clients ask, or only records what it
 * would have refused (dry run). Moderators of the route see everything. A file whose rules need an input not known yet
 * (its inspection) answers 503 with Retry-After while the input is fetched.
 */
final class ModerationGate extends FileCheckingGate {
    static final String NAME = "moderation";
    /** Seconds a client is asked to wait while a rule's input (an inspection) is worked out. */
    static final long RETRY_SECONDS = 5;

    private final ModerationPolicy policy;
    private final List<Step> rules;
    private final Moderation moderation;
    private final java.util.function.Predicate<ProjectName> unmoderated;
    private final JudgedPages<Judged> judged = new JudgedPages<>();

    /** @param unmoderated projects that pass untouched (hosted ones, when the policy lets them) */
    ModerationGate(Repository next, ModerationPolicy policy, List<Step> rules, Moderation moderation,
            java.util.function.Predicate<ProjectName> unmoderated) {
        super(next, NAME);
        this.unmoderated = unmoderated;
        this.policy = policy;
        this.rules = rules;
        this.moderation = moderation;
    }

    /** What the gate made of one page, and until when (a decision's expiry, a file coming of age) it holds. */
    private record Judged(Moderation.Generations generations, Instant validUntil, List<DistributionFile> visible,
            List<Provenance.Hidden> hidden, int approved, DistributionFile waiting) {}

    @Override
    public ProjectPage project(ProjectName name, RequestContext context) {
        ProjectPage page = next.project(name, context);
        Provenance provenance = page.provenance().withGate(NAME);
        if (moderation.mayModerate(context) || unmoderated.test(name)) {
            return page.withFiles(page.files(), provenance); // moderators see pending files too
        }
        Judged judged = judgePage(name, page, context);
        if (policy.dryRun() && !page.files().isEmpty() && judged.approved() == 0) {
            moderation.wouldRefuse(policy, name, "", context, "no version of '" + name + "' is approved");
        }
        if (!page.files().isEmpty() && judged.visible().isEmpty()) {
            if (judged.waiting() != null) {
                moderation.workOutInputs(next, name, judged.waiting().filename());
                throw new SourceUnavailable(503, "no version of '" + name + "' is approved yet: the rules of gate '"
                        + policy.gate() + "' wait for the inspection of " + judged.waiting().filename() + "; ask again shortly",
                        RETRY_SECONDS, null);
            }
            throw refusal(name, "", "no version of '" + name + "' is approved", context);
        }
        return page.withFiles(judged.visible(), judged.hidden().isEmpty() ? provenance : provenance.withHidden(judged.hidden()));
    }

    /**
     * Every file of the page judged, or what was judged of the same page before while nothing it depends on changed:
     * the decisions, the advisories and the verdicts are as they were, and no expiry or coming of age has passed. A
     * page with a file waiting for an input is judged again on every request.
     */
    private Judged judgePage(ProjectName name, ProjectPage page, RequestContext context) {
        Instant now = context.time();
        Moderation.Generations generations = moderation.generations();
        Judged known = judged.get(name, page, JudgedPages::sameFiles);
        if (known != null && known.generations().equals(generations)
                && (known.validUntil() == null || now.isBefore(known.validUntil()))) {
            return known;
        }
        List<DistributionFile> visible = new ArrayList<>();
        List<Provenance.Hidden> hidden = new ArrayList<>();
        DistributionFile waiting = null;
        int approved = 0;
        Instant[] horizon = {moderation.nextExpiry(policy.gate(), name, now)};
        for (DistributionFile f : page.files()) {
            Outcome outcome = judge(name, f, context, horizon);
            if (outcome.state() == Outcome.State.APPROVED) {
                approved++;
            }
            if (outcome.state() == Outcome.State.APPROVED || !policy.enforces()) {
                visible.add(f);
            } else {
                hidden.add(new Provenance.Hidden(f.filename(), NAME, outcome.reason(), null));
                if (outcome.state() == Outcome.State.NOT_KNOWN_YET && waiting == null) {
                    waiting = f;
                }
            }
        }
        Judged fresh = new Judged(generations, horizon[0], List.copyOf(visible), List.copyOf(hidden), approved, waiting);
        if (waiting == null) {
            judged.put(name, page, fresh);
        }
        return fresh;
    }

    @Override
    protected void check(ProjectName name, String filename, RequestContext context) {
        if (moderation.mayModerate(context) || unmoderated.test(name)) {
            return;
        }
        DistributionFile file = next.project(name, context).files().stream().filter(f -> f.filename().equals(filename))
                .findFirst().orElse(null);
        if (file == null) {
            return; // the source answers: not found
        }
        Outcome outcome = judge(name, file, context, new Instant[1]);
        if (outcome.state() == Outcome.State.APPROVED) {
            return;
        }
        if (!policy.enforces()) {
            if (policy.dryRun()) {
                moderation.wouldRefuse(policy, name, file.version(), context, outcome.reason());
            }
            return;
        }
        if (outcome.state() == Outcome.State.NOT_KNOWN_YET) {
            moderation.workOutInputs(next, name, filename);
            throw new SourceUnavailable(503, "'" + filename + "' is not approved yet: " + outcome.reason() + "; ask again shortly",
                    RETRY_SECONDS, null);
        }
        if (outcome.state() == Outcome.State.DENIED) {
            moderation.refused(policy, name, file.version(), context, outcome.reason());
            throw new Refused(NAME, "'" + filename + "' is refused by gate '" + policy.gate() + "': " + outcome.reason());
        }
        throw refusal(name, file.version(), "'" + filename + "' is not approved", context);
    }

    /** The refusal of something nobody decided: in review mode with the request it opened (or found pending). */
    private Refused refusal(ProjectName name, String version, String what, RequestContext context) {
        if (policy.mode() == ModerationPolicy.Mode.FROZEN) {
            moderation.refused(policy, name, version, context, what + " (frozen)");
            return new Refused(NAME, what + " on this index, which serves approved packages only (gate '" + policy.gate()
                    + "' is frozen: no new requests are taken)");
        }
        Request request = moderation.openRequest(policy, name, version, context);
        moderation.refused(policy, name, version, context, what + ": request " + request.id());
        return new Refused(NAME, what + " on this index: request " + request.id() + " for " + request.item() + " is pending"
                + " a moderator's decision (GET " + ModerationApi.REQUESTS + "/" + request.id() + ")");
    }

    /**
     * What the decisions, the mode and the rules make of one file.
     *
     * @param horizon moved to the moment a rule's test of this file will change by time alone, when that is sooner
     */
    private Outcome judge(ProjectName name, DistributionFile file, RequestContext context, Instant[] horizon) {
        Outcome decided = moderation.decided(policy.gate(), name, file, context.time());
        if (decided != null) {
            return decided;
        }
        if (policy.mode() == ModerationPolicy.Mode.FROZEN) {
            return new Outcome(Outcome.State.UNDECIDED, "nobody approved it");
        }
        Candidate candidate = new Candidate(name, file, context.time(), () -> moderation.metadataOf(next, name, file));
        for (Step step : rules) {
            Instant changes = step.condition().changesAt(candidate);
            if (changes != null && changes.isAfter(context.time()) && (horizon[0] == null || changes.isBefore(horizon[0]))) {
                horizon[0] = changes;
            }
            switch (step.condition().test(candidate)) {
                case HOLDS -> {
                    moderation.ruleDecided(policy, name, file, step, context);
                    return new Outcome(step.approve() ? Outcome.State.APPROVED : Outcome.State.DENIED, "rule '"
                            + step.describe() + "'");
                }
                case NOT_KNOWN_YET -> {
                    return new Outcome(Outcome.State.NOT_KNOWN_YET, "rule '" + step.describe() + "' waits for its input");
                }
                case FAILS -> { }
            }
        }
        return new Outcome(Outcome.State.UNDECIDED, "nobody approved it");
    }
}
