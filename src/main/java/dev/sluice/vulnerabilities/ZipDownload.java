package dev.sluice.vulnerabilities;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Fetches an advisory zip from a URL into a file, asking with the validators of the last import of that URL, so that
 * an unchanged source costs one small request.
 */
final class ZipDownload {
    /** OSV's PyPI zip is tens of megabytes; anything past this is not an advisory database. */
    static final long MAX_BYTES = 2L << 30;

    /** What the URL answered: a file (null when not modified) and its validators. */
    record Fetched(Path file, String etag, String lastModified) {}

    private ZipDownload() {}

    static Fetched fetch(URI url, String etag, String lastModified, Path into) throws ImportFailed {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new ImportFailed("nothing was imported: '" + url + "' is not an HTTP(S) URL", null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build()) {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 304) {
                    return new Fetched(null, etag, lastModified);
                }
                if (response.statusCode() != 200) {
                    throw new ImportFailed("nothing was imported: " + url + " answered " + response.statusCode(), null);
                }
                Path part = Files.createTempFile(into, "osv", ".zip.part");
                try (InputStream limited = new java.io.BufferedInputStream(body)) {
                    long copied = Files.copy(new LimitedStream(limited, MAX_BYTES), part, StandardCopyOption.REPLACE_EXISTING);
                    if (copied > MAX_BYTES) {
                        Files.deleteIfExists(part);
                        throw new ImportFailed("nothing was imported: " + url + " sent more than " + MAX_BYTES + " bytes", null);
                    }
                }
                return new Fetched(part, response.headers().firstValue("ETag").orElse(null),
                        response.headers().firstValue("Last-Modified").orElse(null));
            }
        } catch (IOException e) {
            throw new ImportFailed("nothing was imported: " + url + " could not be fetched: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportFailed("nothing was imported: interrupted while fetching " + url, e);
        }
    }

    /** Reads at most one byte past the limit, so that going over it can be told. */
    private static final class LimitedStream extends java.io.FilterInputStream {
        private long left;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.left = limit + 1;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
