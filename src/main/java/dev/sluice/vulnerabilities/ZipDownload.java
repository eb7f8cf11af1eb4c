package dev.sluice.vulnerabilities;

import dev.sluice.util.BoundedInputStream;
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
                if (!copyAtMost(body, part)) {
                    Files.deleteIfExists(part);
                    throw new ImportFailed("nothing was imported: " + url + " sent more than " + MAX_BYTES + " bytes", null);
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

    /**
     * Copies a stream into a file, up to {@link #MAX_BYTES}: an advisory zip larger than that is refused rather than
     * allowed to fill the disk. @return false when the stream was longer (the file then holds a part of it)
     */
    static boolean copyAtMost(InputStream in, Path file) throws IOException {
        long copied = Files.copy(new BoundedInputStream(in, MAX_BYTES + 1), file, StandardCopyOption.REPLACE_EXISTING);
        return copied <= MAX_BYTES;
    }
}
