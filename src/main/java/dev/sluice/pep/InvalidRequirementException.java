package dev.sluice.pep;

/** A requirement whose grammar is right but whose URL or version clause is not acceptable. */
public final class InvalidRequirementException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidRequirementException(String message) {
        super(message);
    }
}
