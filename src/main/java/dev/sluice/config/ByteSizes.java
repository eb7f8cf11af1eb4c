package dev.sluice.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as settings are written: {@code 500000}, {@code 100MiB}, {@code 2GiB} or {@code 10MB} (1000-based). */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*([kmgt]?i?b?)?", Pattern.CASE_INSENSITIVE);

    private ByteSizes() {}

    /** @throws IllegalArgumentException saying what a size looks like */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size such as 500000, 100MiB or 2GiB");
        }
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        long base = unit.contains("i") ? 1024 : 1000;
        int power = unit.isEmpty() || unit.equals("b") ? 0 : "kmgt".indexOf(unit.charAt(0)) + 1;
        long bytes = Long.parseLong(m.group(1));
        try {
            for (int i = 0; i < power; i++) {
                bytes = Math.multiplyExact(bytes, base);
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large", e);
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException("'" + text + "' must be more than 0 bytes");
        }
        return bytes;
    }
}
