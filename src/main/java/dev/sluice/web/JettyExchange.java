package dev.sluice.web;

import dev.sluice.http.Exchange;
import dev.sluice.http.StatusReason;
import dev.sluice.util.BufferReadable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * An {@link Exchange} on Jetty's own request and response, for {@link SimpleHandler}. A whole body is held until
 * {@link #finish} and then handed to Jetty with the status and headers in one write, without blocking; a streamed
 * body (a file) is written as it is read, each write waiting for the socket.
 */
final class JettyExchange implements Exchange {
    private static final int CHUNK = 256 * 1024;
    /** The largest buffer Jetty's pool keeps (a larger one would be allocated, and freed by the collector, each time). */
    private static final int DIRECT_CHUNK = 64 * 1024;

    private final Request request;
    private final Response response;
    private final ClientAddress clientAddress;
    private String ip;
    private ByteBuffer pending;
    /**
     * What handlers leave for the usage event: one virtual thread handles the request, so a plain map serves (Jetty's
     * own request attributes are a concurrent map, a few per cent of a small page's cost).
     */
    private final java.util.Map<String, Object> attributes = new java.util.HashMap<>(16);

    JettyExchange(Request request, Response response, ClientAddress clientAddress) {
        this.request = request;
        this.response = response;
        this.clientAddress = clientAddress;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return request.getHttpURI().getPath();
    }

    boolean isHead() {
        return method().equals("HEAD");
    }

    /** The query as sent, or null when there is none. */
    String queryString() {
        return request.getHttpURI().getQuery();
    }

    String queryParam(String name) {
        return queryString() == null ? null : Request.extractQueryParameters(request).getValue(name);
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** A request header Jetty knows by name: found without looking the name up first. */
    String header(HttpHeader name) {
        return request.getHeaders().get(name);
    }

    /** A response header made once (a constant field, its bytes encoded in advance), added as it is. */
    void header(HttpField field) {
        response.getHeaders().put(field);
    }

    @Override
    public String ip() {
        if (ip == null) {
            ip = clientAddress.of(Request.getRemoteAddr(request), header("X-Forwarded-For"));
        }
        return ip;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T attribute(String key) {
        return (T) attributes.get(key);
    }

    @Override
    public void attribute(String key, Object value) {
        if (value == null) {
            attributes.remove(key);
        } else {
            attributes.put(key, value);
        }
    }

    @Override
    public int status() {
        int status = response.getStatus();
        return status == 0 ? 200 : status; // unset until Jetty sends its default, 200
    }

    @Override
    public Exchange status(int status) {
        response.setStatus(status);
        return this;
    }

    @Override
    public Exchange header(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    @Override
    public String responseHeader(String name) {
        return response.getHeaders().get(name);
    }

    @Override
    public Exchange contentType(String type) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        return this;
    }

    @Override
    public boolean committed() {
        return response.isCommitted();
    }

    @Override
    public void reason(String reason) {
        StatusReason.set(request, reason);
    }

    @Override
    public void result(byte[] body) {
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        pending = ByteBuffer.wrap(body);
    }

    /**
     * The body as a stream of bytes whose length is not known yet (sent chunked), for an answer written as it is
     * made. Flush it when done; do not close it.
     */
    OutputStream body() {
        return Content.Sink.asOutputStream(response);
    }

    /**
     * Sends the stream's bytes now and closes it, in writes of up to 256 KB, which Jetty hands to the socket
     * without copying. @param length how many, or -1 when not known
     */
    void send(InputStream body, long length) throws IOException {
        if (body instanceof BufferReadable) {
            sendDirect(body, length);
            return;
        }
        try (InputStream in = body) {
            byte[] buffer = new byte[length < 0 ? CHUNK : Math.clamp(length, 1, CHUNK)];
            for (int n; (n = in.read(buffer)) > 0; ) {
                writeAndWait(ByteBuffer.wrap(buffer, 0, n));
            }
        }
    }

    /**
     * As {@link #send}, through a direct buffer of Jetty's pool: the bytes go from the file into it and from it to the
     * socket, never through the heap.
     */
    private void sendDirect(InputStream body, long length) throws IOException {
        RetainableByteBuffer pooled = request.getComponents().getByteBufferPool()
                .acquire(length < 0 ? DIRECT_CHUNK : Math.clamp(length, 1, DIRECT_CHUNK), true);
        try (InputStream in = body) {
            BufferReadable source = (BufferReadable) in;
            ByteBuffer buffer = pooled.getByteBuffer();
            for (;;) {
                buffer.clear();
                if (source.read(buffer) < 0) {
                    break;
                }
                buffer.flip();
                writeAndWait(buffer);
            }
        } finally {
            BufferUtil.clear(pooled.getByteBuffer());
            pooled.release();
        }
    }

    /** Writes a piece of the body and waits until the socket took it (the buffer may be filled again then). */
    private void writeAndWait(ByteBuffer piece) throws IOException {
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(false, piece, written);
            written.block();
        }
    }

    /** A permanent redirect to {@code location}, keeping the request's query. */
    void redirect(String location) {
        String query = queryString();
        status(301).header("Location", query == null ? location : location + "?" + query);
    }

    /**
     * Ends the answer: the held body (or none) as the last write. A failure after the headers left aborts the
     * response instead, so that the client sees a transfer cut short rather than a body that looks whole.
     */
    void finish(Callback callback, Throwable failure) {
        if (failure != null && response.isCommitted()) {
            callback.failed(failure);
            return;
        }
        response.write(true, pending == null ? BufferUtil.EMPTY_BUFFER : pending, callback);
    }
}
