package dev.sluice.web;

/**
 * One request and its answer, as Sluice's handlers see them. The simple API is served by a plain Jetty handler
 * ({@link SimpleHandler}, no framework on the hot path); the admin, upload and JSON APIs by Javalin. Both hand
 * their requests to the same access checks, usage log and error answers through this interface, which holds
 * just what those need; the simple API's own needs (bodies sent as files, redirects) are {@link JettyExchange}'s.
 */
interface Exchange {
    String method();

    /** The path as sent (still percent-encoded), without the query. */
    String path();

    String header(String name);

    /** The client's address ({@link ClientAddress}: a trusted proxy's X-Forwarded-For honoured). */
    String ip();

    /** A value a handler left on the request, or null. */
    <T> T attribute(String key);

    void attribute(String key, Object value);

    int status();

    Exchange status(int status);

    Exchange header(String name, String value);

    /** A header of the answer as set so far, or null. */
    String responseHeader(String name);

    Exchange contentType(String type);

    /** Whether the status and headers have left: from then on only body bytes can follow. */
    boolean committed();

    /** The whole body, with its Content-Length; sent once the handler is done. */
    void result(byte[] body);

    default String userAgent() {
        return header("User-Agent");
    }
}
