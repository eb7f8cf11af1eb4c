package dev.sluice.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A migration script cut into its statements, for drivers that run one statement at a time (SQLite's runs only
 * the first of several). A {@code ;} ends a statement unless it is inside a string ({@code 'it''s'}), a quoted name,
 * a {@code --} comment or a {@code /* *}{@code /} comment; what holds only comments and blanks is no statement.
 * Scripts with bodies that hold semicolons of their own (triggers, PostgreSQL's {@code $$} functions) are refused
 * rather than cut in the wrong place.
 */
final class SqlScript {
    private SqlScript() {}

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        boolean code = false; // whether the current statement has anything besides comments and blanks
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '-' && script.startsWith("--", i)) {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end + 1;
            } else if (c == '/' && script.startsWith("/*", i)) {
                int end = script.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("a /* comment is never closed");
                }
                i = end + 2;
            } else if (c == '\'' || c == '"') {
                i = closingQuote(script, i) + 1;
                code = true;
            } else if (c == '$') {
                throw new IllegalArgumentException("a $ outside a string (a dollar-quoted body) is not supported");
            } else if (c == ';') {
                if (code) {
                    statements.add(script.substring(start, i).strip());
                }
                start = ++i;
                code = false;
            } else {
                if (!Character.isWhitespace(c)) {
                    code = true;
                    if ((c == 'B' || c == 'b') && script.regionMatches(true, i, "BEGIN", 0, 5) && wordEndsAt(script, i + 5)
                            && (i == 0 || !Character.isLetterOrDigit(script.charAt(i - 1)))) {
                        throw new IllegalArgumentException("BEGIN ... END bodies (triggers) are not supported");
                    }
                }
                i++;
            }
        }
        if (code) {
            statements.add(script.substring(start).strip());
        }
        return statements;
    }

    /** Where the quote opened at {@code open} closes; a doubled quote inside is part of the text. */
    private static int closingQuote(String script, int open) {
        char quote = script.charAt(open);
        int i = open + 1;
        while (true) {
            int close = script.indexOf(quote, i);
            if (close < 0) {
                throw new IllegalArgumentException("a " + quote + " quote opened at offset " + open + " is never closed");
            }
            if (close + 1 < script.length() && script.charAt(close + 1) == quote) {
                i = close + 2;
            } else {
                return close;
            }
        }
    }

    private static boolean wordEndsAt(String script, int index) {
        return index >= script.length() || !Character.isLetterOrDigit(script.charAt(index)) && script.charAt(index) != '_';
    }
}
