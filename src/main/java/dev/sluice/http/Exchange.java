package dev.sluice.http;

/**
 * One request and its answer, as Sluice's handlers see them. The simple API is served by a plain Jetty handler
 * (no framework on the hot path); the features' endpoints by Javalin. Both hand their requests to the same access
 * checks, usage log and error answers through this interface, which holds just what those need; the simple API's
 * own needs (bodies sent as files, redirects) are the web server's Jetty exchange's.
 */
public interface Exchange {
    public String method();

    /** The path as sent (still percent-encoded), without the query. */
    public String path();

    public String header(String name);

    /** The client's address (a trusted proxy's X-Forwarded-For honoured). */
    public String ip();

    /** A value a handler left on the request, or null. */
    public <T> T attribute(String key);

    public void attribute(String key, Object value);

    public int status();

    public Exchange status(int status);

    public Exchange header(String name, String value);

    /** A header of the answer as set so far, or null. */
    public String responseHeader(String name);

    public Exchange contentType(String type);

    /** Whether the status and headers have left: from then on only body bytes can follow. */
    public boolean committed();

    /** The status line's phrase for a refusal: its one-line reason (see {@link StatusReason}). */
    public void reason(String reason);

    /** The whole body, with its Content-Length; sent once the handler is done. */
    public void result(byte[] body);

    public default String userAgent() {
        return header("User-Agent");
    }
}
