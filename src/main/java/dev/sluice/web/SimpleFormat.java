package dev.sluice.web;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/** The forms of the simple API (PEP 691): JSON, and HTML under its PEP 691 name or as plain text/html. */
enum SimpleFormat {
    JSON("application/vnd.pypi.simple.v1+json", false),
    HTML("application/vnd.pypi.simple.v1+html", true),
    TEXT_HTML("text/html", true);

    final String mediaType;
    private final String contentType;
    private final HttpField contentTypeField;
    private final String etagSuffix;

    SimpleFormat(String mediaType, boolean html) {
        this.mediaType = mediaType;
        this.contentType = html ? mediaType + "; charset=utf-8" : mediaType;
        this.contentTypeField = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, contentType);
        this.etagSuffix = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The Content-Type header, encoded once. */
    HttpField contentTypeField() {
        return contentTypeField;
    }

    /** What a page's ETag says of its form. */
    String etagSuffix() {
        return etagSuffix;
    }

    /** The Content-Type header value. */
    String contentType() {
        return contentType;
    }

    boolean isHtml() {
        return this != JSON;
    }
}
