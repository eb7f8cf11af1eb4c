package dev.sluice.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * While the server stops, requests that arrive are answered {@code 503} with {@code Retry-After} and the connection
 * closed (pip, uv and twine retry), so that requests already running (an upload half sent) can finish first.
 */
final class StoppingGate extends Handler.Abstract {
    static final String RETRY_AFTER_SECONDS = "5";
    private volatile boolean stopping;

    void close() {
        stopping = true;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!stopping) {
            return false;
        }
        response.setStatus(503);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap("Service Unavailable: Sluice is stopping; try again in a moment\n"
                .getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
