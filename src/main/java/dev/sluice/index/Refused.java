package dev.sluice.index;

/** A gate refused the request; the message is the reason shown to the client, the gate is the one that said no. */
public final class Refused extends RepositoryException {
    private static final long serialVersionUID = 1L;

    private final String gate;

    public Refused(String gate, String reason) {
        super(reason);
        this.gate = gate;
    }

    /** The name of the gate that refused, as the usage log and provenance name it. */
    public String gate() {
        return gate;
    }
}
