package dev.sluice.pep;

/**
 * A dependency specifier or environment marker that does not follow PEP 508. The message names what was
 * expected and points at the place with a caret line, as packaging prints it:
 *
 * <pre>
 * Expected end or semicolon (after version specifier)
 *     foo >=1.0 bar
 *         ~~~~~~^
 * </pre>
 */
public final class Pep508SyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    Pep508SyntaxException(String reason, String source, int spanStart, int spanEnd) {
        super(reason + "\n    " + source + "\n    " + " ".repeat(spanStart) + "~".repeat(spanEnd - spanStart) + "^");
        this.reason = reason;
    }

    /** The one-line reason, without the source and caret lines. */
    public String reason() {
        return reason;
    }
}
