package dev.sluice.vulnerabilities;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What an import did: records read, added, updated (a later {@code modified}), unchanged, withdrawn (newly, or added
 * withdrawn), skipped (each with its file and reason), the warnings about parts of records that were ignored, and how
 * long it took. {@code notModified} when a URL answered that nothing changed since the last import.
 */
final class ImportReport {
    /** A file of the import and what was wrong with it. */
    record Problem(String file, String reason) {}

    private static final int KEPT_PROBLEMS = 1_000;

    final String source;
    int read;
    int added;
    int updated;
    int unchanged;
    int withdrawn;
    int skippedCount;
    int warningCount;
    boolean notModified;
    /** How many records the source holds, for progress (-1 while unknown). */
    int total = -1;
    Duration took = Duration.ZERO;
    final List<Problem> skipped = new ArrayList<>();
    final List<Problem> warnings = new ArrayList<>();

    ImportReport(String source) {
        this.source = source;
    }

    void skip(String file, String reason) {
        skippedCount++;
        if (skipped.size() < KEPT_PROBLEMS) {
            skipped.add(new Problem(file, reason));
        }
    }

    void warn(String file, String warning) {
        warningCount++;
        if (warnings.size() < KEPT_PROBLEMS) {
            warnings.add(new Problem(file, warning));
        }
    }

    ObjectNode toJson() {
        ObjectNode out = OsvRecordParser.JSON.createObjectNode().put("source", source).put("not_modified", notModified)
                .put("read", read).put("added", added).put("updated", updated).put("unchanged", unchanged)
                .put("withdrawn", withdrawn).put("skipped", skippedCount).put("warnings", warningCount)
                .put("seconds", took.toMillis() / 1000.0);
        problems(out.putArray("skipped_records"), skipped);
        problems(out.putArray("warning_lines"), warnings);
        return out;
    }

    private static void problems(ArrayNode array, List<Problem> problems) {
        problems.forEach(p -> array.addObject().put("file", p.file()).put("reason", p.reason()));
    }
}
