package dev.sluice.vulnerabilities;

import java.time.Instant;
import java.util.List;

/**
 * One OSV advisory as Sluice keeps it: what matching, policy and the answers need, and the record itself as JSON (the
 * OSV API answers with it unchanged). Only the {@code affected} entries of the PyPI ecosystem are kept.
 *
 * @param withdrawn when the advisory was withdrawn (it then matches nothing, and is kept for history), else null
 * @param severity the worst severity its CVSS vectors give, or the database's own word when it has no vector
 * @param json the record as imported (YAML records converted to JSON)
 */
record OsvRecord(String id, Instant modified, Instant published, Instant withdrawn, List<String> aliases, String summary,
        String details, Severity severity, List<AffectedPackage> affected, String json) {

    /** Records of the OpenSSF malicious-packages database: the package is malware, not a flawed release. */
    boolean malicious() {
        return id.startsWith("MAL-");
    }

    boolean isWithdrawn() {
        return withdrawn != null;
    }
}
