package dev.sluice.app;

import dev.sluice.config.DefaultGraph;
import dev.sluice.config.GraphConfig;
import dev.sluice.proxy.UpstreamSettings;
import dev.sluice.store.BlobLocation;
import dev.sluice.usage.UsageSettings;
import dev.sluice.moderation.ModerationSettings;
import dev.sluice.bundle.BundleSettings;
import dev.sluice.vulnerabilities.VulnerabilitySettings;
import java.nio.file.Path;
import java.util.List;

/**
 * How a Sluice server runs.
 *
 * @param dataDirectory the embedded catalog ({@code sluice.db}), blobs ({@code blobs/}) and admin token
 * @param maxUploadBytes the largest distribution file accepted
 * @param adminToken the admin token, or null to use (and on first start create) {@code <data>/admin-token}
 * @param graph the sources, gates and routes served
 * @param configFile the file the graph was read from, read again on reload; null when there is none
 * @param trustedProxies addresses of reverse proxies whose X-Forwarded-For names the real client
 * @param usage how the usage log runs
 * @param vulnerabilities where advisories are kept current from
 * @param moderation where moderation events are announced
 * @param database the catalog on PostgreSQL ({@code postgresql://user:password@host:5432/sluice}), or null for the
 *     embedded SQLite file in the data directory
 * @param blobs where files are kept: a folder (by default {@code <data>/blobs}) or an S3 bucket
 * @param bundles whose bundles are imported, and the key that signs those exported
 * @param accelRedirect the path prefix of the front nginx's internal location over the blob folder, to which stored
 *     files are handed ({@code X-Accel-Redirect}) once Sluice has decided to serve them; null: Sluice sends the bytes
 */
public record ServerSettings(String host, int port, Path dataDirectory, long maxUploadBytes, String adminToken,
        GraphConfig graph, Path configFile, List<String> trustedProxies, UsageSettings usage,
        VulnerabilitySettings vulnerabilities, ModerationSettings moderation, String database, BlobLocation blobs,
        BundleSettings bundles, String accelRedirect) {
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 100L * 1024 * 1024;

    /** Hosted packages only, on a free port of 127.0.0.1. */
    public static ServerSettings defaults(Path dataDirectory) {
        return new ServerSettings("127.0.0.1", 0, dataDirectory, DEFAULT_MAX_UPLOAD_BYTES, null,
                DefaultGraph.hostedOnly().graph(), null, List.of(), UsageSettings.DEFAULT,
                VulnerabilitySettings.NONE, ModerationSettings.NONE, null,
                new BlobLocation.Folder(dataDirectory.resolve("blobs")), BundleSettings.NONE, null);
    }

    /** The catalog on PostgreSQL instead of the embedded SQLite file. */
    public ServerSettings withDatabase(String url) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, graph, configFile, trustedProxies, usage,
                vulnerabilities, moderation, url, blobs, bundles, accelRedirect);
    }

    /** Files kept somewhere other than the data directory's own folder. */
    public ServerSettings withBlobs(BlobLocation location) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, graph, configFile, trustedProxies, usage,
                vulnerabilities, moderation, database, location, bundles, accelRedirect);
    }

    public ServerSettings withMaxUploadBytes(long bytes) {
        return new ServerSettings(host, port, dataDirectory, bytes, adminToken, graph, configFile, trustedProxies, usage, vulnerabilities, moderation, database, blobs, bundles, accelRedirect);
    }

    public ServerSettings withAdminToken(String token) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, token, graph, configFile, trustedProxies, usage, vulnerabilities, moderation, database, blobs, bundles, accelRedirect);
    }

    public ServerSettings withGraph(GraphConfig newGraph) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, newGraph, configFile, trustedProxies, usage, vulnerabilities, moderation, database, blobs, bundles, accelRedirect);
    }

    /** The default graph with this upstream. */
    public ServerSettings withUpstream(UpstreamSettings upstream) {
        return withGraph(DefaultGraph.of(upstream).graph());
    }

    /** Serves the graph of a config file, and reads it again on reload. */
    public ServerSettings withConfigFile(Path file, GraphConfig fileGraph) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, fileGraph, file, trustedProxies, usage, vulnerabilities, moderation, database, blobs, bundles, accelRedirect);
    }

    public ServerSettings withTrustedProxies(List<String> addresses) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, graph, configFile, List.copyOf(addresses), usage, vulnerabilities, moderation, database, blobs, bundles, accelRedirect);
    }

    public ServerSettings withVulnerabilities(VulnerabilitySettings settings) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, graph, configFile, trustedProxies, usage,
                settings, moderation, database, blobs, bundles, accelRedirect);
    }

    public ServerSettings withBundles(BundleSettings settings) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, graph, configFile, trustedProxies, usage,
                vulnerabilities, moderation, database, blobs, settings, accelRedirect);
    }

    public ServerSettings withModeration(ModerationSettings settings) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, graph, configFile, trustedProxies, usage,
                vulnerabilities, settings, database, blobs, bundles, accelRedirect);
    }

    public ServerSettings withUsage(UsageSettings settings) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, graph, configFile, trustedProxies, settings, vulnerabilities,
                moderation, database, blobs, bundles, accelRedirect);
    }

    public ServerSettings withAccelRedirect(String prefix) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, graph, configFile, trustedProxies, usage,
                vulnerabilities, moderation, database, blobs, bundles, prefix);
    }

    public Path adminTokenFile() {
        return dataDirectory.resolve("admin-token");
    }
}
