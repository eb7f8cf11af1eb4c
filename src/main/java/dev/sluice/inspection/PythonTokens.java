package dev.sluice.inspection;

import java.util.ArrayList;
import java.util.List;

/**
 * Python source split into tokens as the language reference's lexical analysis describes it: names, numbers, strings
 * (every prefix, triple quotes, escapes; an f-string is one token), operators, and the logical-line structure
 * ({@code NEWLINE} ends a statement; none inside brackets or after a backslash; {@code INDENT} and {@code DEDENT} open
 * and close blocks). Comments are dropped. It never fails: text that is not Python (an unclosed string, a stray
 * character) still gives tokens, so a rule reads what an attacker wrote even when it would not compile.
 */
final class PythonTokens {
    enum Kind { NAME, NUMBER, STRING, OP, NEWLINE, INDENT, DEDENT }

    /** One token; {@code line} is 1-based, {@code value} a string literal's content (quotes and prefix removed). */
    record Token(Kind kind, String text, int line, String value) {
        boolean is(String s) {
            return text.equals(s);
        }
    }

    private static final String[] THREE_CHAR_OPS = {"**=", "//=", ">>=", "<<=", "..."};
    /** Two-character operators, by their first character: each second character that makes one. */
    private static final String[] SECOND_CHARS = new String[128];

    static {
        for (String op : "** // >> << <= >= == != -> += -= *= /= %= &= |= ^= @= :=".split(" ")) {
            char first = op.charAt(0);
            SECOND_CHARS[first] = (SECOND_CHARS[first] == null ? "" : SECOND_CHARS[first]) + op.charAt(1);
        }
    }

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;

    private PythonTokens(String text) {
        this.text = text;
    }

    static List<Token> of(String text) {
        PythonTokens lexer = new PythonTokens(text);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        List<Integer> indents = new ArrayList<>(List.of(0));
        int brackets = 0;
        boolean lineStart = true;
        while (pos < text.length()) {
            if (lineStart && brackets == 0) {
                int width = 0;
                while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t' || text.charAt(pos) == '\f')) {
                    width = text.charAt(pos) == '\t' ? (width / 8 + 1) * 8 : width + 1;
                    pos++;
                }
                if (pos >= text.length()) {
                    break;
                }
                char c = text.charAt(pos);
                if (c == '\n' || c == '\r' || c == '#') { // blank and comment-only lines leave the indentation alone
                    skipToLineEnd();
                    continue;
                }
                if (width > indents.get(indents.size() - 1)) {
                    indents.add(width);
                    add(Kind.INDENT, "", null);
                }
                while (width < indents.get(indents.size() - 1)) {
                    indents.remove(indents.size() - 1);
                    add(Kind.DEDENT, "", null);
                }
                lineStart = false;
            }
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r') {
                newline();
                if (brackets == 0 && !tokens.isEmpty() && tokens.get(tokens.size() - 1).kind() != Kind.NEWLINE) {
                    add(Kind.NEWLINE, "", null);
                }
                lineStart = brackets == 0; // inside brackets a line goes on, indentation means nothing
            } else if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '\\' && pos + 1 < text.length() && (text.charAt(pos + 1) == '\n' || text.charAt(pos + 1) == '\r')) {
                pos++;
                newline(); // a continued line: no NEWLINE, no indentation
            } else if (Character.isJavaIdentifierStart(c) && c != '$') {
                int start = pos;
                while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos)) && text.charAt(pos) != '$') {
                    pos++;
                }
                if (pos < text.length() && isQuote(text.charAt(pos)) && isStringPrefix(text.substring(start, pos))) {
                    string(start);
                } else {
                    add(Kind.NAME, text.substring(start, pos), null);
                }
            } else if (isQuote(c)) {
                string(pos);
            } else if (Character.isDigit(c) || c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
                int start = pos;
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                        || text.charAt(pos) == '_' || (text.charAt(pos) == '+' || text.charAt(pos) == '-')
                        && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E') && !text.startsWith("0x", start))) {
                    pos++;
                }
                add(Kind.NUMBER, text.substring(start, pos), null);
            } else {
                String op = operator();
                if ("([{".contains(op)) {
                    brackets++;
                } else if (")]}".contains(op)) {
                    brackets = Math.max(0, brackets - 1);
                }
                add(Kind.OP, op, null);
            }
        }
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).kind() != Kind.NEWLINE) {
            add(Kind.NEWLINE, "", null);
        }
        for (int i = 1; i < indents.size(); i++) {
            add(Kind.DEDENT, "", null);
        }
    }

    private void string(int start) {
        String prefix = text.substring(start, pos).toLowerCase(java.util.Locale.ROOT);
        boolean raw = prefix.contains("r");
        char quote = text.charAt(pos);
        boolean triple = pos + 2 < text.length() && text.charAt(pos + 1) == quote && text.charAt(pos + 2) == quote;
        int firstLine = line;
        pos += triple ? 3 : 1;
        int from = pos; // the content not yet copied into value (most strings have no escape: copied once)
        StringBuilder value = null;
        int end = -1;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                char next = text.charAt(pos + 1);
                if (next == '\n') {
                    line++;
                }
                if (value == null) {
                    value = new StringBuilder();
                }
                value.append(text, from, pos).append(raw ? "\\" + next : escaped(next));
                pos += 2;
                from = pos;
            } else if (c == quote && (!triple || pos + 2 < text.length() && text.charAt(pos + 1) == quote
                    && text.charAt(pos + 2) == quote)) {
                end = pos;
                pos += triple ? 3 : 1;
                break;
            } else if ((c == '\n' || c == '\r') && !triple) {
                end = pos;
                break; // an unclosed string ends at its line, as the reader of the rest expects
            } else {
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
        }
        if (end < 0) {
            end = pos;
        }
        String content = value == null ? text.substring(from, end) : value.append(text, from, end).toString();
        tokens.add(new Token(Kind.STRING, text.substring(start, pos), firstLine, content));
    }

    private static String escaped(char c) {
        return switch (c) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case '0' -> "\0";
            case '\n' -> "";
            default -> String.valueOf(c);
        };
    }

    private String operator() {
        char c = text.charAt(pos);
        if (c < 128 && SECOND_CHARS[c] != null && pos + 1 < text.length()) {
            for (String op : THREE_CHAR_OPS) {
                if (op.charAt(0) == c && text.startsWith(op, pos)) {
                    pos += 3;
                    return op;
                }
            }
            if (SECOND_CHARS[c].indexOf(text.charAt(pos + 1)) >= 0) {
                pos += 2;
                return text.substring(pos - 2, pos);
            }
        } else if (c == '.' && text.startsWith("...", pos)) {
            pos += 3;
            return "...";
        }
        pos++;
        return c < 128 ? ONE_CHAR[c] : String.valueOf(c);
    }

    /** One-character operators as strings, made once. */
    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < 128; c++) {
            ONE_CHAR[c] = String.valueOf(c);
        }
    }

    private void skipToLineEnd() {
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
        }
        if (pos < text.length()) {
            newline();
        }
    }

    /** Steps over one line end ({@code \n}, {@code \r\n} or {@code \r}). */
    private void newline() {
        if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
            pos++;
        }
        pos++;
        line++;
    }

    private void add(Kind kind, String tokenText, String value) {
        tokens.add(new Token(kind, tokenText, line, value));
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"';
    }

    private static boolean isStringPrefix(String s) {
        return s.length() <= 2 && s.toLowerCase(java.util.Locale.ROOT).matches("r|u|b|f|br|rb|fr|rf|t|tr|rt");
    }
}
