package dev.sluice.pep;

/** A distribution filename that is not a wheel or sdist name Sluice accepts; the message says why. */
public final class InvalidFilenameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidFilenameException(String filename, String reason) {
        super("Invalid distribution filename '" + filename + "': " + reason);
    }
}
