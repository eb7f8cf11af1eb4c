package dev.sluice.pep;

/** A marker that cannot be evaluated in the given environment (see {@link Marker#evaluate}). */
public final class MarkerEvaluationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MarkerEvaluationException(String message) {
        super(message);
    }
}
