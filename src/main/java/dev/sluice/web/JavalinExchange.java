package dev.sluice.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** An {@link Exchange} on a Javalin route (admin, upload and JSON APIs). */
record JavalinExchange(Context ctx) implements Exchange {
    @Override
    public String method() {
        return ctx.method().name();
    }

    @Override
    public String path() {
        return ctx.path();
    }

    @Override
    public String queryString() {
        return ctx.queryString();
    }

    @Override
    public String queryParam(String name) {
        return ctx.queryParam(name);
    }

    @Override
    public String header(String name) {
        return ctx.header(name);
    }

    @Override
    public String ip() {
        return ctx.ip();
    }

    @Override
    public <T> T attribute(String key) {
        return ctx.attribute(key);
    }

    @Override
    public void attribute(String key, Object value) {
        ctx.attribute(key, value);
    }

    @Override
    public int status() {
        return ctx.statusCode();
    }

    @Override
    public Exchange status(int status) {
        ctx.status(status);
        return this;
    }

    @Override
    public Exchange header(String name, String value) {
        ctx.header(name, value);
        return this;
    }

    @Override
    public String responseHeader(String name) {
        return ctx.res().getHeader(name);
    }

    @Override
    public Exchange contentType(String type) {
        ctx.contentType(type);
        return this;
    }

    @Override
    public boolean committed() {
        return ctx.res().isCommitted();
    }

    @Override
    public void result(byte[] body) {
        ctx.result(body);
    }

    @Override
    public OutputStream body() throws IOException {
        return ctx.res().getOutputStream();
    }

    /** Straight to the servlet response: Javalin would copy a result through its own stream 8 KB at a time. */
    @Override
    public void send(InputStream body, long length) throws IOException {
        try (InputStream in = body) {
            OutputStream out = ctx.res().getOutputStream();
            byte[] buffer = new byte[JettyExchange.chunkFor(length)];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            out.flush();
        }
    }
}
