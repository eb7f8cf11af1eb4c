package dev.sluice.pep;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Context-sensitive tokens of PEP 508: the parser asks "is the next token an X?" and the tokenizer tries
 * only X's rule at the current position. Rules and their quirks follow packaging's tokenizer, so that the
 * same strings are accepted and refused.
 */
final class Pep508Tokenizer {
    enum Rule {
        LEFT_PARENTHESIS("\\("),
        RIGHT_PARENTHESIS("\\)"),
        LEFT_BRACKET("\\["),
        RIGHT_BRACKET("\\]"),
        SEMICOLON(";"),
        COMMA(","),
        QUOTED_STRING("('[^']*')|(\"[^\"]*\")"),
        OP("(===|==|~=|!=|<=|>=|<|>)"),
        BOOLOP("\\b(or|and)\\b"),
        IN("\\bin\\b"),
        NOT("\\bnot\\b"),
        VARIABLE("\\b(python_version|python_full_version|os[._]name|sys[._]platform|platform_(release|system)"
                + "|platform[._](version|machine|python_implementation)|python_implementation"
                + "|implementation_(name|version)|extra)\\b"),
        SPECIFIER(Specifier.OPERATOR_REGEX + Specifier.VERSION_REGEX, Pattern.CASE_INSENSITIVE),
        AT("@"),
        URL("[^ \\t]+"),
        IDENTIFIER("\\b[a-zA-Z0-9][a-zA-Z0-9._-]*\\b"),
        WS("[ \\t]+"),
        /** End of input, or just before a final newline (Python's {@code $}). */
        END("$", Pattern.UNIX_LINES);

        final Pattern pattern;

        Rule(String regex) {
            this(regex, 0);
        }

        Rule(String regex, int flags) {
            // Python's \b is Unicode-aware; UNICODE_CHARACTER_CLASS makes Java's agree.
            this.pattern = Pattern.compile(regex, flags | Pattern.UNICODE_CHARACTER_CLASS);
        }
    }

    record Token(Rule rule, String text, int position) {}

    private final String source;
    private final Map<Rule, Matcher> matchers = new java.util.EnumMap<>(Rule.class);
    private Token next;
    private int position;

    Pep508Tokenizer(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    int position() {
        return position;
    }

    /** Reads the token if it is next; otherwise does nothing. */
    void consume(Rule rule) {
        if (check(rule)) {
            read();
        }
    }

    /** Whether the next token is of this rule; loads it (to be {@link #read}) unless peeking. */
    boolean check(Rule rule, boolean peek) {
        if (next != null) {
            throw new IllegalStateException("Cannot check for " + rule + ", already have " + next);
        }
        Matcher m = matchers.computeIfAbsent(rule, r -> r.pattern.matcher(source)
                .useTransparentBounds(true).useAnchoringBounds(false));
        m.region(position, source.length());
        if (!m.lookingAt()) {
            return false;
        }
        if (!peek) {
            next = new Token(rule, m.group(), position);
        }
        return true;
    }

    boolean check(Rule rule) {
        return check(rule, false);
    }

    /** Reads a token of this rule, or fails with "Expected {expected}". */
    Token expect(Rule rule, String expected) {
        if (!check(rule)) {
            throw syntaxError("Expected " + expected);
        }
        return read();
    }

    Token read() {
        Token token = next;
        if (token == null) {
            throw new IllegalStateException("No token loaded");
        }
        position += token.text().length();
        next = null;
        return token;
    }

    Pep508SyntaxException syntaxError(String message) {
        return syntaxError(message, position, position);
    }

    Pep508SyntaxException syntaxError(String message, int spanStart, int spanEnd) {
        return new Pep508SyntaxException(message, source, spanStart, spanEnd);
    }
}
