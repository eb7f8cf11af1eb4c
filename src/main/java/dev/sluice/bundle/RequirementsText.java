package dev.sluice.bundle;

import dev.sluice.pep.Requirement;
import java.util.ArrayList;
import java.util.List;

/**
 * A requirements file as pip reads one, for what a bundle can honour: one PEP 508 requirement per line, {@code #}
 * comments, lines continued with a backslash. Options ({@code -r}, {@code --index-url}, {@code -e}, ...) are
 * refused by line, since a bundle is made from one route of this Sluice.
 */
final class RequirementsText {
    private RequirementsText() {}

    /** @throws IllegalArgumentException naming the line and what is wrong with it */
    static List<Requirement> parse(String text) {
        List<Requirement> requirements = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").replace("\\\n", "").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("-")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": '" + line + "': options are not taken in a bundle's"
                        + " requirements (list other files with another -r; the index is the route)");
            }
            try {
                requirements.add(Requirement.parse(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": '" + line + "' is not a requirement: " + e.getMessage(), e);
            }
        }
        return requirements;
    }

    /** pip's rule: {@code #} starts a comment at the start of a line or after whitespace. */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
