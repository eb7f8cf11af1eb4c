package dev.sluice.pep;

/** A string that is not a PEP 440 version. The message quotes it, as packaging does. */
public final class InvalidVersionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidVersionException(String text) {
        super("Invalid version: '" + text + "' (not a PEP 440 version)");
    }
}
