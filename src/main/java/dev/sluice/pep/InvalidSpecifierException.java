package dev.sluice.pep;

/** A version specifier that PEP 440 does not allow, such as {@code ~=1} or {@code <1.0+local}. */
public final class InvalidSpecifierException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSpecifierException(String text) {
        super("Invalid specifier: '" + text + "'");
    }
}
