package dev.sluice.inspection;

import dev.sluice.pep.CoreMetadata;
import dev.sluice.pep.DistributionFilename;
import java.util.function.Consumer;

/**
 * {@code placeholder-release}: a release numbered {@code 0.0.0}, or whose metadata has neither a summary nor a
 * description, is what a name-squatting or throw-away upload looks like. A note alone (real projects start so too);
 * with suspicious code or an imitated name in the same distribution it is malicious ({@link Inspector} combines them).
 */
final class PlaceholderRelease {
    static final String ID = "placeholder-release";

    private PlaceholderRelease() {}

    /** @param metadata the METADATA (wheel) or PKG-INFO (sdist) text, or null when the distribution has none */
    static void check(DistributionFilename filename, String metadata, Consumer<Finding> findings) {
        if (filename.version().toString().matches("0(\\.0)*")) {
            findings.accept(new Finding(ID, Finding.Severity.NOTE, filename.filename(), 0, "the release is numbered "
                    + filename.version()));
            return;
        }
        if (metadata == null) {
            return;
        }
        CoreMetadata parsed;
        try {
            parsed = CoreMetadata.parse(metadata);
        } catch (RuntimeException unreadable) {
            return; // what the metadata check of uploads refuses; a proxied file's is its upstream's business
        }
        if (isBlank(parsed.summary()) && isBlank(parsed.description())) {
            findings.accept(new Finding(ID, Finding.Severity.NOTE, filename.filename(), 0,
                    "the metadata has neither a summary nor a description"));
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank() || text.strip().equalsIgnoreCase("UNKNOWN");
    }
}
