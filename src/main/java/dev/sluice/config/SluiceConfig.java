package dev.sluice.config;

import java.nio.file.Path;

/**
 * A {@code sluice.toml}: how the server runs (each null when the file leaves it to the command line or the
 * default) and the repository graph it serves.
 */
public record SluiceConfig(String host, Integer port, Path dataDirectory, Long maxUploadBytes, java.util.List<String> trustedProxies,
        dev.sluice.usage.UsageSettings usage, dev.sluice.vulnerabilities.VulnerabilitySettings vulnerabilities,
        dev.sluice.moderation.ModerationSettings moderation, GraphConfig graph, String database,
        dev.sluice.store.BlobLocation blobs, dev.sluice.bundle.BundleSettings bundles, String accelRedirect) {}
