package dev.sluice.bundle;

import dev.sluice.access.Callers;
import dev.sluice.index.Caller;
import dev.sluice.index.CarriedIn;
import dev.sluice.index.ContentCheck;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.store.BlobStore;
import dev.sluice.store.ChangeFeed;
import dev.sluice.vulnerabilities.Vulnerabilities;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Carrying packages across an air gap: a connected Sluice exports exactly what a set of requirements needs for the
 * target machines, signed; a closed one verifies such a bundle whole and serves it from a source of type
 * {@code bundle} with the index facts the connected side served. The feature's only entrance.
 */
public final class Bundles {
    /** The change feed's topic: a bundle source (its name) took a bundle on some node. */
    private static final String CHANGES = "bundles";

    private final BundleCatalog catalog;
    private final BlobStore served;
    private final ChangeFeed changes;
    private final BundleSettings settings;
    private final Path signingKeyFile;
    private final Function<String, Repository> sourceNamed;
    private final Jdbi jdbi;
    private final BundleImport importer;
    private final Vulnerabilities vulnerabilities;
    private final long maxFileBytes;
    private final Clock clock;
    private final Map<String, BundleSource> sources = new ConcurrentHashMap<>();
    private volatile SigningKey signingKey;
    /** One import at a time: two would each find a file absent and both add it. */
    private final Object importing = new Object();

    /**
     * @param blobs where imported files are stored; {@code served} the same store as pages read it (with its caches)
     * @param sourceNamed the source of the graph served now with that name, or null
     * @param inspection judges each imported file before it is stored, as a proxied one is
     * @param maxFileBytes the largest distribution a bundle may carry in (as an upload)
     */
    public Bundles(Jdbi jdbi, ChangeFeed changes, BlobStore blobs, BlobStore served, BundleSettings settings, Path dataDirectory,
            Function<String, Repository> sourceNamed, ContentCheck inspection, Vulnerabilities vulnerabilities, long maxFileBytes,
            Clock clock) {
        this.catalog = new BundleCatalog(jdbi);
        this.served = served;
        this.changes = changes;
        this.settings = settings;
        this.signingKeyFile = settings.signingKey() != null ? settings.signingKey() : dataDirectory.resolve("bundle-signing-key");
        this.sourceNamed = sourceNamed;
        this.jdbi = jdbi;
        this.vulnerabilities = vulnerabilities;
        this.maxFileBytes = maxFileBytes;
        this.clock = clock;
        this.importer = new BundleImport(jdbi, catalog, blobs, inspection, vulnerabilities::importCarried, clock);
        changes.subscribe(CHANGES, name -> {
            BundleSource source = sources.get(name);
            if (source != null) {
                source.reload();
            }
        });
    }

    /** The file of the key that signs this Sluice's bundles (made on first use). */
    public Path signingKeyFile() {
        return signingKeyFile;
    }

    /** The source of the graph named so, built once however often the graph is rebuilt. */
    public Repository source(String name) {
        return sources.computeIfAbsent(name, n -> new BundleSource(n, jdbi, catalog, served));
    }

    /** Whether a carried-in file or its metadata are these bytes (then they are the only copy there is). */
    public boolean names(String sha256) {
        return catalog.names(sha256);
    }

    /** The blobs the bundle sources name (their only copies), for {@code sluice verify}. */
    public List<dev.sluice.store.BlobUse> blobUses() {
        return catalog.blobUses();
    }

    /** This Sluice's public signing key, {@code ed25519:BASE64}: what a closed Sluice lists in its trusted keys. */
    public String publicKey() throws IOException {
        return key().publicText();
    }

    private synchronized SigningKey key() throws IOException {
        if (signingKey == null) {
            signingKey = SigningKey.at(signingKeyFile);
        }
        return signingKey;
    }

    /** How a bundle export reads its route: as a client would, without a moderator's view of pending files. */
    static RequestContext exporting(String who, String route, String client, java.time.Instant now) {
        Caller caller = () -> "bundle export by " + who;
        return new RequestContext(caller, route, client, now);
    }

    BundleExport.Plan plan(BundleExport.Request request, Repository route, RequestContext context) throws IOException {
        return export().plan(request, route, context, clock.instant());
    }

    void write(BundleExport.Plan plan, Repository route, RequestContext context, OutputStream out) throws IOException {
        export().write(plan, route, context, out);
    }

    private BundleExport export() throws IOException {
        return new BundleExport(key(), vulnerabilities::recordsOf);
    }

    /**
     * Verifies a bundle whole and takes it into a bundle source, or into a proxy source's cache.
     *
     * @param allowUnsigned the importer's consent to an unsigned bundle; it counts only where the config allows it too
     * @throws BundleRefused when the bundle or the request fails a check: nothing of it is stored
     */
    BundleImport.Report importInto(String source, InputStream bundle, boolean allowUnsigned, BundleReader.Progress progress)
            throws IOException {
        if (!(sourceNamed.apply(source) instanceof CarriedIn target)) {
            throw new BundleRefused(sourceNamed.apply(source) == null
                    ? "no source is named '" + source + "': declare [sources." + source + "] type = \"bundle\" and serve it from a route"
                    : "'" + source + "' takes no bundles: import into a source of type \"bundle\" or \"proxy\"");
        }
        BundleReader.Trust trust = new BundleReader.Trust(PublicKeys.parse(settings.trustedKeys()),
                allowUnsigned && settings.allowUnsigned());
        if (trust.keys().isEmpty() && !trust.allowUnsigned()) {
            throw new BundleRefused("this Sluice trusts no bundle signer: add the exporting Sluice's key (`sluice bundle key`"
                    + " there) to [bundles] trusted-keys");
        }
        BundleImport.Report report;
        synchronized (importing) {
            report = importer.run(bundle, source, target, trust, maxFileBytes, progress);
        }
        if (target instanceof BundleSource) {
            changes.publish(CHANGES, source);
        }
        return report;
    }

    /**
     * What a bundle file holds, after reading it whole and checking it against the key its manifest names: that it
     * arrived as it was made (whether that key is trusted is the importing Sluice's question).
     *
     * @param files the distributions' filenames; {@code bytes} their total size
     */
    public record Contents(List<String> files, long bytes, List<String> targets, List<String> requirements, String exporter,
            java.time.Instant created, long routeSerial) {}

    /** @throws BundleRefused saying what is wrong with the file */
    public static Contents check(Path bundle) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(bundle), 1 << 16)) {
            BundleReader.Verified verified = BundleReader.check(in, BundleReader.Trust.ITS_EXPORTER);
            List<String> files = new java.util.ArrayList<>();
            long bytes = 0;
            for (var member : verified.members().entrySet()) {
                if (member.getKey().startsWith("files/")) {
                    files.add(member.getKey().substring("files/".length()));
                    bytes += member.getValue().size();
                }
            }
            Manifest m = verified.manifest();
            return new Contents(List.copyOf(files), bytes, m.targets(), m.requirements(), m.exporter(), m.created(), m.routeSerial());
        }
    }

    /** Whether a path takes a bundle (a tar) as its body, not JSON. */
    public static boolean isImportPath(String path) {
        return path.equals(BundlesApi.IMPORT);
    }

    /** Binds {@code /admin/bundles/...}. @param routes a route's repository by its name, or null */
    public void registerEndpoints(RoutesConfig routes, Callers callers, Function<String, Repository> routeNamed) {
        new BundlesApi(this, callers, routeNamed).register(routes);
    }
}
