package dev.sluice.http;

import io.javalin.http.Context;

/** An {@link Exchange} on a Javalin route (admin, upload and JSON APIs). */
public record JavalinExchange(Context ctx) implements Exchange {
    @Override
    public String method() {
        return ctx.method().name();
    }

    @Override
    public String path() {
        return ctx.path();
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
    public void reason(String reason) {
        StatusReason.set(org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req()), reason);
    }
}
