package dev.sluice.index;

import dev.sluice.pep.ProjectName;
import java.nio.file.Path;

/**
 * What a source asks before it first serves a distribution's bytes (a proxied file before its last byte, a cached or
 * listed file never judged): the inspection, which judges each sha256 once and remembers. Sources know nothing of
 * its rules; the composition root hands them the inspection's answer.
 */
public interface ContentCheck {
    /** Lets everything through: for tests of sources, and for tools that serve nothing. */
    ContentCheck NONE = new ContentCheck() {
        @Override
        public boolean judged(String sha256) {
            return true;
        }

        @Override
        public String refusal(ProjectName project, String filename, String sha256, Path file, String origin) {
            return null;
        }

        @Override
        public String knownRefusal(String sha256) {
            return null;
        }
    };

    /** Whether these bytes were judged already: a judged file is served as its verdict and the gates say. */
    boolean judged(String sha256);

    /**
     * Judges the file (unless judged already) and says why it must not be served, or null.
     *
     * @param file the complete bytes, verified against {@code sha256}
     * @param origin where the bytes come from, for the findings ({@code proxy}, {@code directory})
     */
    String refusal(ProjectName project, String filename, String sha256, Path file, String origin);

    /** Why bytes judged before must not be served, or null (also when they were never judged): asked before a download. */
    String knownRefusal(String sha256);
}
