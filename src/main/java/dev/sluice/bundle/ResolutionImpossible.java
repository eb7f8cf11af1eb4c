package dev.sluice.bundle;

/** No set of files satisfies the requirements for a target; the message names the conflict. */
public final class ResolutionImpossible extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResolutionImpossible(String message) {
        super(message);
    }
}
