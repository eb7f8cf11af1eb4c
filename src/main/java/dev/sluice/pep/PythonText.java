package dev.sluice.pep;

/**
 * Python's idea of whitespace, which the packaging standards inherit: {@code str.strip()} and the regex
 * class {@code \s} both use {@code str.isspace()}, which differs from Java's {@link String#strip()} (it
 * includes U+00A0 and U+0085, for instance). Used wherever a standard says "surrounding whitespace is
 * ignored" so that Sluice accepts exactly what Python tools accept.
 */
final class PythonText {
    /** A regex character class matching exactly the characters for which {@code str.isspace()} is true. */
    static final String SPACE_CLASS =
            "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]";

    private PythonText() {}

    static boolean isSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', '\u001C', '\u001D', '\u001E', '\u001F', ' ', '\u0085', '\u00A0',
                    '\u1680', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000' -> true;
            default -> c >= '\u2000' && c <= '\u200A';
        };
    }

    /** {@code str.strip()} with no argument. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code str.isdigit()} for the ASCII digits that the packaging grammars admit. */
    static boolean isAsciiDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
