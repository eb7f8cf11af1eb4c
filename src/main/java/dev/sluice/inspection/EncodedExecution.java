package dev.sluice.inspection;

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
    private static final Pattern EXEC_DECODED = Pattern.compile(
            "\\b(exec|eval|compile)\\s*\\((?:(?!\\)\\s*$).){0,200}?(b64decode|b32decode|a85decode|decompress|marshal\\.loads"
                    + "|codecs\\.decode|bytes\\.fromhex|unhexlify|rot.?13)");
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
    public void inspect(String file, byte[] bytes, boolean sdist, Consumer<Finding> findings) {
        if (!file.endsWith(".py") && !file.endsWith(".pth") || !TextLines.isText(bytes)) {
            return;
        }
        TextLines.forEach(bytes, (number, line) -> {
            String code = line.strip();
            if (code.startsWith("#")) {
                return;
            }
            if (EXEC_DECODED.matcher(code).find()) {
                findings.accept(new Finding(ID, Finding.Severity.MALICIOUS, file, number, code));
            } else if (COMPUTED_IMPORT.matcher(code).find()) {
                findings.accept(new Finding(ID, Finding.Severity.SUSPICIOUS, file, number, code));
            } else if (code.length() > LONG_LINE) {
                var m = LONG_STRING.matcher(code);
                if (m.find() && entropy(m.group(1)) > PACKED) {
                    findings.accept(new Finding(ID, Finding.Severity.SUSPICIOUS, file, number,
                            "a " + code.length() + "-character line holding packed data: " + code));
                }
            }
        });
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
