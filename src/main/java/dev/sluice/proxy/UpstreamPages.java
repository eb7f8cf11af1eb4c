package dev.sluice.proxy;

import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.ProjectName;
import dev.sluice.proxy.ProxyCatalog.CachedPage;
import dev.sluice.util.LruMap;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A proxy source's upstream project pages: fetched (JSON when offered, else HTML), kept in the catalog for the TTL,
 * then revalidated with ETag / Last-Modified. Within the stale-while-revalidate window after the TTL, the cached
 * page is served at once and revalidated in the background, so a slow or hung upstream delays no install; an older
 * page is revalidated first. When the upstream fails, the last good page is served and marked stale; upstream 404s
 * are remembered briefly. One upstream fetch per page at a time.
 */
final class UpstreamPages {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamPages.class);
    private static final String ACCEPT = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2,"
            + " text/html;q=0.1";
    /** How long a cached page's listing answers for a stale page before the catalog is asked again whether it is the newest. */
    private static final Duration LISTING_RECHECK = Duration.ofSeconds(1);

    /** A page and, when it is an old copy served because the upstream failed, why. */
    record Answer(UpstreamProject project, String staleReason, Instant fetched) {}

    private final UpstreamSettings settings;
    private final UpstreamHttp client;
    private final StallWatchdog watchdog;
    private final ProxyCounters counters;
    private final ProxyCatalog catalog;
    private final Clock clock;
    private final SingleFlight<String, UpstreamProject> fetches = new SingleFlight<>();
    private final ListedFiles listedFiles = new ListedFiles(1_000);
    private final java.util.Set<String> revalidating = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Why the last background revalidation of a page failed, until a fetch succeeds: the page is then marked stale. */
    private final Map<String, String> failedRevalidations = java.util.Collections.synchronizedMap(new LruMap<>(10_000));

    UpstreamPages(Upstream upstream, ProxyCatalog catalog, Clock clock) {
        this.settings = upstream.settings();
        this.client = upstream.client();
        this.watchdog = upstream.watchdog();
        this.counters = upstream.counters();
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The project's page: cached while fresh, else fetched or revalidated; a stale copy when the upstream fails. */
    Answer page(ProjectName name) {
        Optional<CachedPage> cached = catalog.page(settings.name(), name.value());
        Instant now = clock.instant();
        if (cached.isPresent() && (settings.offline() || isFresh(cached.get(), now))) {
            counters.pageHits.incrementAndGet();
            return fromCache(name, cached.get(), null);
        }
        if (settings.offline()) {
            throw new SourceUnavailable(503, "offline: the page of " + name + " is not cached", null, null);
        }
        if (cached.isPresent() && cached.get().status() == 200
                && cached.get().fetched().plus(settings.pageTtl()).plus(settings.staleWhileRevalidate()).isAfter(now)) {
            revalidateInBackground(name, cached.get());
            String failed = failedRevalidations.get(name.value());
            (failed == null ? counters.pageHits : counters.stalePages).incrementAndGet();
            return fromCache(name, cached.get(), failed);
        }
        try {
            counters.pageFetches.incrementAndGet();
            return new Answer(fetches.run(name.value(), () -> fetch(name, cached.orElse(null))), null, now);
        } catch (SourceUnavailable e) {
            counters.upstreamErrors.incrementAndGet();
            if (cached.isPresent() && cached.get().status() == 200) {
                counters.stalePages.incrementAndGet();
                LOG.warn("serving the stale page of {} from {}: {}", name, settings.name(), e.getMessage());
                return fromCache(name, cached.get(), e.getMessage());
            }
            throw e;
        }
    }

    /** Fetches the page again on a virtual thread, unless that is under way already; a failure is only logged. */
    private void revalidateInBackground(ProjectName name, CachedPage cached) {
        if (!revalidating.add(name.value())) {
            return;
        }
        counters.backgroundRevalidations.incrementAndGet();
        Thread.ofVirtual().name("revalidate-" + settings.name() + "-" + name.value()).start(() -> {
            try {
                counters.pageFetches.incrementAndGet();
                fetches.run(name.value(), () -> fetch(name, cached));
            } catch (ProjectNotFound gone) {
                LOG.info("{} is gone from {}: its page is no longer served", name, settings.name());
            } catch (RuntimeException e) {
                failedRevalidations.put(name.value(), e.getMessage());
                counters.upstreamErrors.incrementAndGet();
                LOG.warn("revalidating the page of {} from {} failed; the cached page is served meanwhile: {}", name,
                        settings.name(), e.getMessage());
            } finally {
                revalidating.remove(name.value());
            }
        });
    }

    /** The file as the project's page lists it now. @throws FileNotFound when it does not */
    UpstreamFile listed(ProjectName name, String filename) {
        return page(name).project().files().stream().filter(f -> f.filename().equals(filename)).findFirst()
                .orElseThrow(() -> new FileNotFound(name.value(), filename));
    }

    /**
     * The sha256 the cached page gives a file, whatever the page's age, or null when it does not list it; no upstream
     * call. The catalog is asked which page is the newest at most once a second per project: another node sharing the
     * catalog may have fetched it again (a page this source fetches makes it forget the older one at once).
     */
    String listedInCache(ProjectName name, String filename) {
        Instant now = clock.instant();
        Map<String, String> recent = listedFiles.confirmedSince(name.value(), now.minus(LISTING_RECHECK));
        if (recent != null) {
            return recent.get(filename);
        }
        Optional<Instant> fetched = catalog.pageFetched(settings.name(), name.value());
        if (fetched.isEmpty()) {
            return null;
        }
        Map<String, String> known = listedFiles.get(name.value(), fetched.get(), now);
        if (known != null) {
            return known.get(filename);
        }
        Optional<CachedPage> page = catalog.page(settings.name(), name.value()).filter(p -> p.status() == 200);
        if (page.isEmpty()) {
            return null;
        }
        Map<String, String> listed = CachedPageCodec.read(page.get().pageJson()).files().stream()
                .collect(Collectors.toMap(UpstreamFile::filename, UpstreamFile::sha256, (first, second) -> first));
        listedFiles.put(name.value(), page.get().fetched(), listed, now);
        return listed.get(filename);
    }

    private boolean isFresh(CachedPage page, Instant now) {
        Duration ttl = page.status() == 200 ? settings.pageTtl() : settings.notFoundTtl();
        return page.fetched().plus(ttl).isAfter(now);
    }

    /** The page from the catalog; a remembered 404 is a ProjectNotFound. */
    private static Answer fromCache(ProjectName name, CachedPage page, String staleReason) {
        if (page.status() != 200) {
            throw new ProjectNotFound(name.value());
        }
        return new Answer(CachedPageCodec.read(page.pageJson()), staleReason, page.fetched());
    }

    private UpstreamProject fetch(ProjectName name, CachedPage cached) {
        URI url = settings.indexUrl().resolve(name.value() + "/");
        Map<String, String> headers = new HashMap<>(Map.of("Accept", ACCEPT));
        if (cached != null && cached.status() == 200) {
            if (cached.etag() != null) {
                headers.put("If-None-Match", cached.etag());
            }
            if (cached.lastModified() != null) {
                headers.put("If-Modified-Since", cached.lastModified());
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (UpstreamClient.Response response = client.get(url, headers)) {
            switch (response.status()) {
                case 200 -> {
                    byte[] body = PageMemory.SHARED.read(watchdog.guard(response.body(), settings.timeout()), settings.maxPageBytes(),
                            "the page");
                    UpstreamProject page = UpstreamPageParser.parse(name.value(), body, response.header("Content-Type"), response.uri());
                    failedRevalidations.remove(name.value());
                    catalog.savePage(settings.name(), new CachedPage(name.value(), 200, now, response.header("ETag"),
                            response.header("Last-Modified"), CachedPageCodec.write(page)));
                    return page;
                }
                case 304 -> {
                    if (cached == null) {
                        throw new UpstreamException(502, "answered 304 to a request without validators");
                    }
                    catalog.touchPage(settings.name(), name.value(), now);
                    failedRevalidations.remove(name.value());
                    return CachedPageCodec.read(cached.pageJson());
                }
                case 404, 410 -> {
                    catalog.savePage(settings.name(), new CachedPage(name.value(), 404, now, null, null, null));
                    throw new ProjectNotFound(name.value());
                }
                case 503 -> throw new UpstreamException(503, "answered 503 Service Unavailable", response.retryAfter(), null);
                default -> throw new UpstreamException(502, "answered " + response.status() + " for the page of " + name);
            }
        } catch (UpstreamException e) {
            throw e.toSourceUnavailable(settings.name());
        } catch (IOException e) {
            throw new UpstreamException(502, "the page of " + name + " broke off: " + e.getMessage(), null, e)
                    .toSourceUnavailable(settings.name());
        } finally {
            // Whatever the catalog now holds for the project, a listing remembered of an older page must not answer.
            listedFiles.forget(name.value());
        }
    }
}
