package dev.sluice.bundle;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code [bundles]} table: whose bundles this Sluice takes, and with which key it signs those it makes.
 *
 * @param trustedKeys public keys ({@code ed25519:BASE64}, as {@code sluice bundle key} prints them) whose bundles are
 *     imported
 * @param allowUnsigned whether an unsigned bundle may be imported at all (and then only with {@code --allow-unsigned})
 * @param signingKey the file of this Sluice's signing key; null for {@code <data>/bundle-signing-key}
 */
public record BundleSettings(List<String> trustedKeys, boolean allowUnsigned, Path signingKey) {
    public static final BundleSettings NONE = new BundleSettings(List.of(), false, null);

    public BundleSettings {
        trustedKeys = List.copyOf(trustedKeys);
    }
}
