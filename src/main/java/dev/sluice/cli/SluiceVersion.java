package dev.sluice.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints: the version from the jar's manifest ("development" when run from classes) and the
 * commit the build recorded ({@code commit.txt}, written by the build from git), e.g. {@code sluice 0.1.0 (commit
 * 0123456789ab)}.
 */
final class SluiceVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = SluiceVersion.class.getPackage().getImplementationVersion();
        return new String[] {"sluice " + (version == null ? "development" : version) + " (commit " + commit() + ")"};
    }

    /** The recorded commit, or "unknown" when the build recorded none (git's complaint is not a commit). */
    static String commit() {
        try (InputStream in = SluiceVersion.class.getResourceAsStream("commit.txt")) {
            String text = in == null ? "" : new String(in.readNBytes(200), StandardCharsets.UTF_8).strip();
            return text.matches("[0-9a-f]{7,40}(-dirty)?") ? text : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
