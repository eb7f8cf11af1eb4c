package dev.sluice.index;

/** A gate refused the request; the message is the reason shown to the client. */
public final class Refused extends RepositoryException {
    private static final long serialVersionUID = 1L;

    public Refused(String reason) {
        super(reason);
    }
}
