package dev.sluice.web;

/** The forms of the simple API (PEP 691): JSON, and HTML under its PEP 691 name or as plain text/html. */
enum SimpleFormat {
    JSON("application/vnd.pypi.simple.v1+json"),
    HTML("application/vnd.pypi.simple.v1+html"),
    TEXT_HTML("text/html");

    final String mediaType;

    SimpleFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The Content-Type header value. */
    String contentType() {
        return this == JSON ? mediaType : mediaType + "; charset=utf-8";
    }

    boolean isHtml() {
        return this != JSON;
    }
}
