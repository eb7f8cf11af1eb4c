package dev.sluice.pep;

/**
 * Decodes a quoted marker value the way packaging does ({@code ast.literal_eval}): backslash escapes are
 * interpreted ({@code "\x41"} is {@code A}), unknown escapes are kept as written, and what Python cannot
 * compile (a bad {@code \x}, a line break, a NUL character) is a syntax error.
 */
final class PythonStringLiteral {
    private PythonStringLiteral() {}

    static String decode(String quoted, Pep508Tokenizer tokens, int position) {
        String body = quoted.substring(1, quoted.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '\n' || c == '\r' || c == '\0') {
                throw invalid(tokens, position, quoted, "a line break or NUL character inside a string");
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= body.length()) {
                throw invalid(tokens, position, quoted, "a string that ends with a backslash");
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> out.append(e);
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000B');
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits > body.length() || !isHex(body, i, i + digits)) {
                        throw invalid(tokens, position, quoted, "a truncated \\" + e + " escape");
                    }
                    int codePoint = Integer.parseUnsignedInt(body, i, i + digits, 16);
                    if (codePoint > Character.MAX_CODE_POINT || codePoint < 0) {
                        throw invalid(tokens, position, quoted, "an escape beyond U+10FFFF");
                    }
                    out.appendCodePoint(codePoint);
                    i += digits;
                }
                case 'N' -> {
                    int close = body.indexOf('}', i);
                    if (i >= body.length() || body.charAt(i) != '{' || close < 0) {
                        throw invalid(tokens, position, quoted, "a malformed \\N{...} escape");
                    }
                    try {
                        out.appendCodePoint(Character.codePointOf(body.substring(i + 1, close)));
                    } catch (IllegalArgumentException unknown) {
                        throw invalid(tokens, position, quoted, "an unknown character name in \\N{...}");
                    }
                    i = close + 1;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i - 1;
                        while (end < body.length() && end < i + 2 && body.charAt(end) >= '0' && body.charAt(end) <= '7') {
                            end++;
                        }
                        out.appendCodePoint(Integer.parseInt(body, i - 1, end, 8));
                        i = end;
                    } else {
                        out.append('\\').append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }

    private static Pep508SyntaxException invalid(Pep508Tokenizer tokens, int position, String quoted, String what) {
        return tokens.syntaxError("Invalid string literal: " + what, position, position + quoted.length());
    }
}
