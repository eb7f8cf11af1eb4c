package dev.sluice.web;

import dev.sluice.proxy.UpstreamSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * How a Sluice server runs.
 *
 * @param dataDirectory the embedded catalog ({@code sluice.db}), blobs ({@code blobs/}) and admin token
 * @param maxUploadBytes the largest distribution file accepted
 * @param adminToken the admin token, or null to use (and on first start create) {@code <data>/admin-token}
 * @param upstream the proxied upstream index, or null for none; with one, {@code /simple/} serves hosted
 *     projects first and the upstream for the rest
 * @param reserved names and prefixes ({@code acme-*}) that the upstream never serves
 * @param cooldown upstream files younger than this are hidden (null for no cooldown)
 * @param cooldownExempt projects the cooldown does not apply to
 */
public record ServerSettings(String host, int port, Path dataDirectory, long maxUploadBytes, String adminToken,
        UpstreamSettings upstream, List<String> reserved, java.time.Duration cooldown, List<String> cooldownExempt) {
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 100L * 1024 * 1024;

    public static ServerSettings defaults(Path dataDirectory) {
        return new ServerSettings("127.0.0.1", 0, dataDirectory, DEFAULT_MAX_UPLOAD_BYTES, null, null, List.of(), null, List.of());
    }

    public ServerSettings withMaxUploadBytes(long bytes) {
        return new ServerSettings(host, port, dataDirectory, bytes, adminToken, upstream, reserved, cooldown, cooldownExempt);
    }

    public ServerSettings withAdminToken(String token) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, token, upstream, reserved, cooldown, cooldownExempt);
    }

    /** Serves this upstream at {@code /indexes/<name>/simple/} (null for none). */
    public ServerSettings withUpstream(UpstreamSettings settings) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, settings, reserved, cooldown, cooldownExempt);
    }

    /** Names and prefixes ({@code acme-*}) that the upstream never serves, besides every hosted name. */
    public ServerSettings withReserved(List<String> names) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, upstream, List.copyOf(names), cooldown, cooldownExempt);
    }

    /** Hides upstream files younger than {@code period} (null: no cooldown), except for the exempt projects. */
    public ServerSettings withCooldown(java.time.Duration period, List<String> exempt) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, upstream, reserved, period,
                List.copyOf(exempt));
    }

    public Path adminTokenFile() {
        return dataDirectory.resolve("admin-token");
    }
}
