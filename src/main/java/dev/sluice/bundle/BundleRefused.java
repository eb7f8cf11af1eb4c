package dev.sluice.bundle;

/** A bundle that is not imported, not one member of it: the message says what is wrong and that nothing was taken. */
public final class BundleRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BundleRefused(String message) {
        super(message);
    }
}
