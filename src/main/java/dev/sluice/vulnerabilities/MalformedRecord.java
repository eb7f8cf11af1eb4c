package dev.sluice.vulnerabilities;

/** A record the importer skips, with the reason its report gives. */
final class MalformedRecord extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedRecord(String reason) {
        super(reason, null, false, false);
    }
}
