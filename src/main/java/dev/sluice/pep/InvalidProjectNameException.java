package dev.sluice.pep;

/** A project name that PEP 508 does not allow. */
public final class InvalidProjectNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidProjectNameException(String name) {
        super("Invalid project name '" + name + "': a name starts and ends with a letter or digit and holds"
                + " only letters, digits, '.', '_' and '-' (PEP 508)");
    }
}
