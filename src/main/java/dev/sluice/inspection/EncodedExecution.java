package dev.sluice.inspection;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code encoded-exec}: code run from data decoded on the spot ({@code exec}, {@code eval} or {@code compile} over
 * {@code base64}, {@code zlib}, {@code marshal}, {@code codecs} or hex decoding) is how hidden payloads start: malicious.
 * A module imported by a name built on the spot ({@code __import__(''.join(...))}; plugin loaders import by a variable,
 * which passes), or a very long line carrying a long high-entropy string, is suspicious.
 */
final class EncodedExecution implements ContentRule {
    static final String ID = "encoded-exec";
    private static final Pattern EXEC_CALL = Pattern.compile("\\b(exec|eval|compile)\\s*\\(");
    private static final List<String> DECODERS = List.of("b64decode", "b32decode", "a85decode", "decompress", "marshal.loads",
            "codecs.decode", "bytes.fromhex", "unhexlify", "rot13", "rot_13");
    /** {@code __import__} of a name built on the spot (joined, decoded, reversed, concatenated), not of a variable. */
    private static final Pattern COMPUTED_IMPORT = Pattern.compile("__import__\\s*\\(\\s*(['\"][^'\"]*['\"]\\s*\\.\\s*join"
            + "|[^),]*(chr\\(|decode\\(|\\[::-1\\]|b64|bytes\\(|fromhex|['\"]\\s*\\+\\s*['\"]))");
    private static final int LONG_LINE = 5_000;
    private static final Pattern LONG_STRING = Pattern.compile("['\"]([A-Za-z0-9+/=_\\-]{1000,})['\"]");
    /** Shannon bits per character above which a long literal is packed data (base64 is 6 at most, English about 4). */
    private static final double PACKED = 5.0;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void inspect(InspectedFile file, Consumer<Finding> findings) {
        if (!file.isPythonText()) {
            return;
        }
        String text = file.text();
        // Most files name none of these: their lines are looked at only when the file does, or has a very long line.
        if (!text.contains("exec") && !text.contains("eval") && !text.contains("compile") && !text.contains("__import__")
                && !file.hasLineLongerThan(LONG_LINE)) {
            return;
        }
        java.util.Map<Integer, Finding> byLine = new java.util.TreeMap<>(); // one finding a line, the worst
        var call = EXEC_CALL.matcher(text);
        while (call.find()) {
            String after = text.substring(call.end(), Math.min(text.length(), call.end() + 200));
            int newline = after.indexOf('\n');
            String rest = newline < 0 ? after : after.substring(0, newline);
            if (DECODERS.stream().anyMatch(rest::contains)) {
                add(file, file.lineOf(call.start()), Finding.Severity.MALICIOUS, byLine);
            }
        }
        var imports = COMPUTED_IMPORT.matcher(text);
        while (imports.find()) {
            add(file, file.lineOf(imports.start()), Finding.Severity.SUSPICIOUS, byLine);
        }
        if (file.hasLineLongerThan(LONG_LINE)) {
            String[] lines = file.lines();
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].length() > LONG_LINE && !byLine.containsKey(i + 1)) {
                    var m = LONG_STRING.matcher(lines[i]);
                    if (m.find() && entropy(m.group(1)) > PACKED) {
                        byLine.put(i + 1, new Finding(ID, Finding.Severity.SUSPICIOUS, file.name, i + 1,
                                "a " + lines[i].strip().length() + "-character line holding packed data: " + lines[i].strip()));
                    }
                }
            }
        }
        byLine.values().forEach(findings);
    }

    private static void add(InspectedFile file, int number, Finding.Severity severity, java.util.Map<Integer, Finding> byLine) {
        String code = file.line(number).strip();
        Finding known = byLine.get(number);
        if (!code.startsWith("#") && (known == null || severity.compareTo(known.severity()) < 0)) {
            byLine.put(number, new Finding(ID, severity, file.name, number, code));
        }
    }

    static double entropy(String s) {
        int[] counts = new int[128];
        for (int i = 0; i < s.length(); i++) {
            counts[s.charAt(i) & 127]++;
        }
        double bits = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / s.length();
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        return bits;
    }
}
