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
 * @param allow with any rule, only what these rules name is served from the upstream
 * @param deny what the upstream never serves (names, globs, or names with version ranges)
 */
public record ServerSettings(String host, int port, Path dataDirectory, long maxUploadBytes, String adminToken,
        UpstreamSettings upstream, List<String> reserved, java.time.Duration cooldown, List<String> cooldownExempt,
        List<String> allow, List<String> deny) {
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 100L * 1024 * 1024;

    public static ServerSettings defaults(Path dataDirectory) {
        return new ServerSettings("127.0.0.1", 0, dataDirectory, DEFAULT_MAX_UPLOAD_BYTES, null, null, List.of(), null, List.of(), List.of(),
                List.of());
    }

    public ServerSettings withMaxUploadBytes(long bytes) {
        return new ServerSettings(host, port, dataDirectory, bytes, adminToken, upstream, reserved, cooldown, cooldownExempt, allow, deny);
    }

    public ServerSettings withAdminToken(String token) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, token, upstream, reserved, cooldown, cooldownExempt, allow, deny);
    }

    /** Serves this upstream at {@code /indexes/<name>/simple/} (null for none). */
    public ServerSettings withUpstream(UpstreamSettings settings) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, settings, reserved, cooldown, cooldownExempt, allow, deny);
    }

    /** Names and prefixes ({@code acme-*}) that the upstream never serves, besides every hosted name. */
    public ServerSettings withReserved(List<String> names) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, upstream, List.copyOf(names), cooldown, cooldownExempt, allow, deny);
    }

    /** Hides upstream files younger than {@code period} (null: no cooldown), except for the exempt projects. */
    public ServerSettings withCooldown(java.time.Duration period, List<String> exempt) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, upstream, reserved, period,
                List.copyOf(exempt), allow, deny);
    }

    /** Allow and deny rules for the upstream (names, globs, names with version ranges). */
    public ServerSettings withAllowDeny(List<String> allowRules, List<String> denyRules) {
        return new ServerSettings(host, port, dataDirectory, maxUploadBytes, adminToken, upstream, reserved, cooldown,
                cooldownExempt, List.copyOf(allowRules), List.copyOf(denyRules));
    }

    public Path adminTokenFile() {
        return dataDirectory.resolve("admin-token");
    }
}
