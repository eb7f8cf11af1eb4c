package dev.sluice.moderation;

import dev.sluice.access.Accounts;
import dev.sluice.access.Callers;
import dev.sluice.access.Identity;
import dev.sluice.index.DistributionFile;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.inspection.Inspection;
import dev.sluice.inspection.Verdict;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;
import dev.sluice.vulnerabilities.Vulnerabilities;
import io.javalin.config.RoutesConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import dev.sluice.store.ChangeFeed;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moderation: nothing from outside enters through a moderation gate until a person or a rule lets it in. Requests,
 * decisions (a project, a range of versions or a file; approve or deny; until an optional expiry) and the moderators
 * are data; every request, decision, refusal and dry-run verdict is an audit event. The feature's one entrance.
 */
public final class Moderation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Moderation.class);
    private static final SecureRandom IDS = new SecureRandom();

    private final SqlModeration store;
    private final Vulnerabilities vulnerabilities;
    private final Inspection inspection;
    private final Accounts accounts;
    private final Clock clock;
    /** Every decision, by gate and project: the gate reads them on every request, so they live in memory. */
    private final Map<String, List<Decision>> decisions = new ConcurrentHashMap<>();
    private volatile List<SqlModeration.Grant> moderators;
    /** Files a rule decided, so that each rule decision is one audit event, not one per request. */
    private final Set<String> ruleDecisions = ConcurrentHashMap.newKeySet();
    /** Files whose rule inputs are being worked out (fetched, so that they are inspected). */
    private final Set<String> workingOut = ConcurrentHashMap.newKeySet();
    /** The gates built, by name, with the node each reads (the latest graph's): decisions name one; requests show its files. */
    private final Map<String, Repository> gates = new ConcurrentHashMap<>();
    /** Where requests and decisions are announced; null without a webhook. */
    private final Webhooks webhooks;

    /** @param changes tells the other nodes of the catalog of a decision or grant here, and this node of theirs */
    public Moderation(Jdbi jdbi, ChangeFeed changes, ModerationSettings settings, Vulnerabilities vulnerabilities,
            Inspection inspection, Accounts accounts, Clock clock) {
        this(jdbi, changes, settings, vulnerabilities, inspection, accounts, clock, Duration.ofSeconds(1));
    }

    /** @param webhookBackoff the wait before a webhook's first retry (tests shorten it) */
    Moderation(Jdbi jdbi, ChangeFeed changes, ModerationSettings settings, Vulnerabilities vulnerabilities,
            Inspection inspection, Accounts accounts, Clock clock, Duration webhookBackoff) {
        this.changes = changes;
        this.webhooks = settings.webhook() == null ? null : new Webhooks(settings.webhook(), webhookBackoff);
        this.store = new SqlModeration(jdbi);
        this.vulnerabilities = vulnerabilities;
        this.inspection = inspection;
        this.accounts = accounts;
        this.clock = clock;
        reload();
        changes.subscribe(CHANGES, subject -> reload());
    }

    /** The change feed's topic: a decision was made or a moderator granted on some node. */
    private static final String CHANGES = "moderation";
    private final ChangeFeed changes;

    /**
     * The gate {@code moderation} around a node.
     *
     * @param hosted whether a project is hosted here (such projects pass when the policy does not review them)
     */
    public Repository gate(Repository next, ModerationPolicy policy, java.util.function.Predicate<ProjectName> hosted) {
        gates.put(policy.gate(), next);
        java.util.function.Predicate<ProjectName> unmoderated = policy.reviewHosted() ? project -> false : hosted;
        return new ModerationGate(next, policy, policy.rules().stream().map(this::step).toList(), this, unmoderated);
    }

    private Step step(RuleSpec spec) {
        ModerationRule rule = switch (spec.when()) {
            case "age" -> new AgeRule(spec.olderThan());
            case "vulnerable" -> new VulnerabilityRule(spec.severity(), vulnerabilities);
            case "inspection" -> new InspectionRule(Verdict.parse(spec.verdict()), inspection);
            case "license" -> new LicenseRule(Set.copyOf(spec.names()));
            case "typosquat" -> new TyposquatRule(inspection);
            case "listed" -> new ListRule(spec.names());
            default -> throw new IllegalArgumentException("no rule is called '" + spec.when() + "'");
        };
        return new Step(rule, spec.approve());
    }

    /** Takes every decision and grant from the catalog (at start, and when another node made one). */
    private synchronized void reload() {
        Map<String, List<Decision>> all = new java.util.HashMap<>();
        store.decisions().forEach(d -> all.computeIfAbsent(d.gate() + "|" + d.project(), k -> new ArrayList<>()).add(d));
        all.forEach((key, list) -> decisions.put(key, List.copyOf(list)));
        decisions.keySet().retainAll(all.keySet());
        moderators = store.moderators();
        decisionChanges.incrementAndGet();
    }

    /** Adds a decision to those in memory (each project's list replaced whole: readers never see one half-changed). */
    private synchronized void remember(Decision d) {
        decisionChanges.incrementAndGet();
        decisions.compute(d.gate() + "|" + d.project(), (key, known) -> {
            List<Decision> more = known == null ? new ArrayList<>() : new ArrayList<>(known);
            more.add(d);
            return List.copyOf(more);
        });
    }

    /** Whether the caller may see pending files and decide on this route: admins, and accounts or teams granted it. */
    boolean mayModerate(RequestContext context) {
        return context.caller() instanceof Identity id && mayModerate(id, context.route());
    }

    boolean mayModerate(Identity id, String route) {
        if (id.admin()) {
            return true;
        }
        if (id.isAnonymous() || moderators.isEmpty()) {
            return false;
        }
        List<String> teams = accounts.teamsOf(id.name());
        return moderators.stream().anyMatch(g -> (g.route().isEmpty() || g.route().equals(route))
                && (g.team() ? teams.contains(g.principal()) : g.principal().equals(id.name())));
    }

    /** The state of everything a gate's decisions depend on but time: decisions, advisories, verdicts. */
    record Generations(long decisions, long advisories, long verdicts) {}

    private final java.util.concurrent.atomic.AtomicLong decisionChanges = new java.util.concurrent.atomic.AtomicLong();

    Generations generations() {
        return new Generations(decisionChanges.get(), vulnerabilities.dataGeneration(), inspection.verdictGeneration());
    }

    /** The first expiry still to come among a project's decisions behind a gate, or null. */
    Instant nextExpiry(String gate, ProjectName project, Instant now) {
        return decisions.getOrDefault(gate + "|" + project.value(), List.of()).stream().map(Decision::expires)
                .filter(e -> e != null && e.isAfter(now)).min(Instant::compareTo).orElse(null);
    }

    /** What people and rules decided about a file, deny before approve; null when nothing covers it. */
    Outcome decided(String gate, ProjectName project, DistributionFile file, Instant now) {
        List<Decision> known = decisions.get(gate + "|" + project.value());
        if (known == null) {
            return null;
        }
        Version version = null; // parsed only for a range: most decisions name a project or a file
        Decision approval = null;
        for (Decision d : known) {
            if (d.kind() == Decision.Kind.VERSIONS && version == null) {
                if (!Version.isValid(file.version())) {
                    continue;
                }
                version = Version.parse(file.version());
            }
            boolean covers = d.covers(version, file.filename(), now);
            if (covers && !d.approve()) {
                return new Outcome(Outcome.State.DENIED, "denied: " + d.describe());
            }
            if (covers && approval == null) {
                approval = d;
            }
        }
        return approval == null ? null : new Outcome(Outcome.State.APPROVED, approval.describe());
    }

    Request openRequest(ModerationPolicy policy, ProjectName project, String version, RequestContext context) {
        Instant now = clock.instant();
        Request candidate = new Request(newId(), policy.gate(), project.value(), version, Request.PENDING,
                context.caller().name(), context.client(), now, null);
        Request request = store.openRequest(candidate, new AuditEvent(now, policy.gate(), project.value(), version, "requested",
                context.caller().name(), context.client(), "request " + candidate.id()));
        if (request == candidate) {
            LOG.info("moderation request {} for {} through gate '{}' by {} from {}", request.id(), request.item(), policy.gate(),
                    request.requestedBy(), request.requestedFrom());
            announce("request", policy.gate(), project.value(), version, request.requestedBy(), "request " + request.id(),
                    request.id());
        }
        return request;
    }

    void refused(ModerationPolicy policy, ProjectName project, String version, RequestContext context, String why) {
        store.record(new AuditEvent(clock.instant(), policy.gate(), project.value(), version, "refused", context.caller().name(),
                context.client(), why));
    }

    void wouldRefuse(ModerationPolicy policy, ProjectName project, String version, RequestContext context, String why) {
        store.record(new AuditEvent(clock.instant(), policy.gate(), project.value(), version, "would-refuse",
                context.caller().name(), context.client(), policy.mode().label() + ": " + why));
    }

    void ruleDecided(ModerationPolicy policy, ProjectName project, DistributionFile file, Step step, RequestContext context) {
        if (ruleDecisions.add(policy.gate() + "|" + file.filename() + "|" + step.describe())) {
            store.record(new AuditEvent(clock.instant(), policy.gate(), project.value(), file.version(),
                    step.approve() ? "rule-approved" : "rule-denied", "rule", context.client(), file.filename() + ": " + step.describe()));
        }
    }

    /** Fetches a file in the background through the gate's source, so that its inspection (a rule's input) is done. */
    void workOutInputs(Repository source, ProjectName project, String filename) {
        if (!workingOut.add(filename)) {
            return;
        }
        Thread.ofVirtual().name("moderation-input-" + filename).start(() -> {
            try (InputStream in = source.file(project, filename, RequestContext.internal(clock.instant())).openStream(0, -1)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (Exception e) {
                LOG.warn("the inspection of {} for moderation could not be worked out: {}", filename, e.getMessage());
            } finally {
                workingOut.remove(filename);
            }
        });
    }

    /** A file's core metadata as text, for rules that read it; null when the source has none. */
    String metadataOf(Repository source, ProjectName project, DistributionFile file) {
        try (InputStream in = source.metadata(project, file.filename(), RequestContext.internal(clock.instant())).openStream(0, -1)) {
            return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Records a decision by a person, closes the pending requests it answers, and applies it from the next request on.
     *
     * @throws IllegalArgumentException when the gate is not one of the graph's moderation gates
     */
    Decision decide(String gate, ProjectName project, Decision.Kind kind, String scope, boolean approve, String reason,
            Instant expires, String actor, String client) {
        String chosen = gateNamed(gate);
        Instant now = clock.instant();
        Decision d = new Decision(newId(), chosen, project.value(), kind, scope == null ? "" : scope, approve, reason, actor, now,
                expires);
        List<Request> answered = new ArrayList<>();
        for (Request r : store.pendingOf(chosen, project.value())) {
            boolean covered = kind == Decision.Kind.PROJECT || r.version().isEmpty() && approve
                    || !r.version().isEmpty() && Version.isValid(r.version())
                    && d.covers(Version.parse(r.version()), "", now);
            if (covered) {
                answered.add(r);
            }
        }
        store.decide(d, answered, new AuditEvent(now, chosen, project.value(), "", approve ? "approved" : "denied", actor, client,
                d.describe() + (answered.isEmpty() ? "" : "; answers " + answered.stream().map(Request::id).toList())));
        remember(d);
        changes.publish(CHANGES, project.value());
        LOG.info("moderation: {} by {}", d.describe(), actor);
        announce(approve ? "approved" : "denied", chosen, project.value(), d.scope(), actor, d.describe(), d.id());
        return d;
    }

    /** Grants the moderator role to an account or a team, on one route ('' for every route). */
    void grant(String principal, boolean team, String route, String actor, String client) {
        store.grant(principal, team, route, clock.instant());
        store.record(new AuditEvent(clock.instant(), "", "", "", "moderator-granted", actor, client,
                (team ? "team " : "account ") + principal + (route.isEmpty() ? " on every route" : " on route " + route)));
        moderators = store.moderators();
        decisionChanges.incrementAndGet();
        changes.publish(CHANGES, "*");
    }

    /** The gate a decision names: the one given, or the graph's only moderation gate. */
    String gateNamed(String gate) {
        if (gate != null) {
            if (!gates.containsKey(gate)) {
                throw new IllegalArgumentException("no moderation gate is named '" + gate + "' (the graph has "
                        + new java.util.TreeSet<>(gates.keySet()) + ")");
            }
            return gate;
        }
        if (gates.size() != 1) {
            throw new IllegalArgumentException(gates.isEmpty() ? "the graph has no moderation gate"
                    : "the graph has several moderation gates " + new java.util.TreeSet<>(gates.keySet()) + ": name one with 'gate'");
        }
        return gates.keySet().iterator().next();
    }

    List<Request> requests(String status, int limit) {
        return store.requests(status, limit);
    }

    java.util.Optional<Request> request(String id) {
        return store.request(id);
    }

    /** What is known of a project's files behind a gate: version, upload time, inspection verdict, worst advisory. */
    record FileFacts(String filename, String version, Instant uploaded, String verdict, String worstAdvisory) {}

    List<FileFacts> filesBehind(String gate, ProjectName project) {
        Repository source = gates.get(gate);
        if (source == null) {
            return List.of();
        }
        try {
            return source.project(project, RequestContext.internal(clock.instant())).files().stream()
                    .map(f -> new FileFacts(f.filename(), f.version(), f.uploadTime(),
                            java.util.Optional.ofNullable(inspection.verdictOf(f.sha256())).map(Verdict::label).orElse("not judged yet"),
                            vulnerabilities.worstBand(project, f.version())))
                    .toList();
        } catch (RuntimeException unavailable) {
            return List.of(); // the source cannot say now: the request shows what the catalog knows
        }
    }

    /**
     * The license the newest file behind the gate declares (its PEP 639 expression, else the SPDX ids of its license
     * classifiers), or null when its metadata cannot be had or names none.
     */
    String licenseOf(String gate, ProjectName project) {
        Repository source = gates.get(gate);
        if (source == null) {
            return null;
        }
        try {
            List<DistributionFile> files = source.project(project, RequestContext.internal(clock.instant())).files();
            if (files.isEmpty()) {
                return null;
            }
            String text = metadataOf(source, project, files.get(files.size() - 1));
            if (text == null) {
                return null;
            }
            dev.sluice.pep.CoreMetadata metadata = dev.sluice.pep.CoreMetadata.parse(text);
            if (metadata.licenseExpression() != null && !metadata.licenseExpression().isBlank()) {
                return metadata.licenseExpression().strip();
            }
            String ids = metadata.classifiers().stream().map(SpdxClassifiers::idOf).filter(java.util.Objects::nonNull)
                    .collect(java.util.stream.Collectors.joining(" OR "));
            return ids.isEmpty() ? null : ids;
        } catch (RuntimeException unavailable) {
            return null;
        }
    }

    /** Decisions whose expiry falls before {@code until} (and has not passed), soonest first. */
    List<Decision> expiringBefore(Instant until) {
        Instant now = clock.instant();
        return decisions.values().stream().flatMap(List::stream)
                .filter(d -> d.expires() != null && d.expires().isAfter(now) && d.expires().isBefore(until))
                .sorted(java.util.Comparator.comparing(Decision::expires)).toList();
    }

    List<Decision> decisionsOf(String gate, String project) {
        return decisions.getOrDefault(gate + "|" + project, List.of());
    }

    List<AuditEvent> events(Instant since, String action, String project, int limit) {
        return store.events(since, action, project, limit);
    }

    Clock clock() {
        return clock;
    }

    Vulnerabilities vulnerabilities() {
        return vulnerabilities;
    }

    /** Tells the webhook, if there is one: {"event", "gate", "project", "scope", "actor", "detail", "id", "at"}. */
    private void announce(String event, String gate, String project, String scope, String actor, String detail, String id) {
        if (webhooks != null) {
            webhooks.announce(dev.sluice.http.JsonBodies.newObject().put("event", event).put("gate", gate).put("project", project)
                    .put("scope", scope).put("actor", actor).put("detail", detail).put("id", id)
                    .put("at", clock.instant().toString()).toString());
        }
    }

    @Override
    public void close() {
        if (webhooks != null) {
            webhooks.close();
        }
    }

    private static String newId() {
        byte[] bytes = new byte[6];
        IDS.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Binds the moderation API ({@code /admin/moderation/...}) and the queue's page ({@code /moderation/}). */
    public void registerEndpoints(RoutesConfig routes, Callers callers, dev.sluice.http.Pages pages) {
        new ModerationApi(this, callers).register(routes);
        new ModerationPages(this, callers, pages).register(routes);
    }
}
