package dev.sluice.inspection;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code record-integrity}: a wheel's {@code RECORD} lists every file with its sha256, and installers trust it. A file
 * whose bytes differ from the hash RECORD gives was changed after the wheel was built: suspicious, since redistributors
 * patch wheels they ship (GraalPy's bundled pip has a patched file), and malicious when the changed file also holds
 * suspicious code ({@link Inspection} combines them). A file RECORD does not list (other than RECORD's signatures) was
 * slipped in: suspicious. A wheel without RECORD is suspicious too.
 * Files listed without a hash are not compared (the format allows it for RECORD itself, and some tools omit them).
 */
final class WheelRecord {
    static final String ID = "record-integrity";
    /** How a changed file's finding begins, which {@link Inspection} looks for when it combines findings. */
    static final String CHANGED = "its sha256 is ";

    private WheelRecord() {}

    /**
     * @param record the RECORD file's text, or null when the wheel has none
     * @param hashes every file of the wheel with its sha256, urlsafe base64 without padding, in archive order
     */
    static void check(String wheel, String recordPath, String record, Map<String, String> hashes, Consumer<Finding> findings) {
        if (record == null) {
            findings.accept(new Finding(ID, Finding.Severity.SUSPICIOUS, wheel, 0, "the wheel has no .dist-info/RECORD"));
            return;
        }
        Map<String, String> listed = new HashMap<>();
        for (String line : record.split("\n")) {
            List<String> cells = csv(line.strip());
            if (!cells.isEmpty() && !cells.get(0).isEmpty()) {
                String hash = cells.size() > 1 ? cells.get(1) : "";
                listed.put(cells.get(0), hash.startsWith("sha256=") ? hash.substring("sha256=".length()).replace("=", "") : "");
            }
        }
        hashes.forEach((file, sha256) -> {
            if (file.equals(recordPath) || file.equals(recordPath + ".jws") || file.equals(recordPath + ".p7s")) {
                return;
            }
            String expected = listed.get(file);
            if (expected == null) {
                findings.accept(new Finding(ID, Finding.Severity.SUSPICIOUS, file, 0, "not listed in " + recordPath));
            } else if (!expected.isEmpty() && !expected.equals(sha256)) {
                findings.accept(new Finding(ID, Finding.Severity.SUSPICIOUS, file, 0, CHANGED + sha256 + ", "
                        + recordPath + " says " + expected));
            }
        });
    }

    /** RECORD's hash form of some bytes' sha256. */
    static String encode(byte[] sha256) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256);
    }

    /** One CSV line: commas separate, double quotes quote (and "" is a quote). */
    static List<String> csv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
