package dev.sluice.http;

/**
 * What handlers leave on a request for the usage log and the metrics to read once it is answered: who asked, through
 * which route, what kind of request it was, which project and file, which source served it and which gates acted.
 */
public final class RequestAttributes {
    public static final String IDENTITY = "sluice.identity";
    public static final String ROUTE = "sluice.route";
    public static final String KIND = "sluice.kind";
    public static final String PROJECT = "sluice.project";
    public static final String FILENAME = "sluice.filename";
    public static final String SOURCE = "sluice.source";
    public static final String GATES = "sluice.gates";
    public static final String DETAIL = "sluice.detail";
    /** The request's id: in its usage event and in every log line written while it is handled. */
    public static final String REQUEST_ID = "sluice.request-id";
    /** The length of a file handed to the front nginx to send ({@code X-Accel-Redirect}): the event counts it. */
    public static final String HANDED_OVER = "sluice.handed-over";
    /** Set when the answer's body was cut short after its headers left (the client went away, the source broke). */
    public static final String CUT_SHORT = "sluice.cut-short";

    private RequestAttributes() {}
}
