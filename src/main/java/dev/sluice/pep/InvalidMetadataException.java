package dev.sluice.pep;

/** Core metadata that cannot be read (not UTF-8) or lacks what a distribution must declare. */
public final class InvalidMetadataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidMetadataException(String message) {
        super(message);
    }
}
