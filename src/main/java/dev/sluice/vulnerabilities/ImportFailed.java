package dev.sluice.vulnerabilities;

/** An import that changed nothing: the source could not be read whole (a broken zip, an unreadable folder, a URL). */
public final class ImportFailed extends Exception {
    private static final long serialVersionUID = 1L;

    ImportFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
