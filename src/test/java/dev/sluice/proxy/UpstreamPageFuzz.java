package dev.sluice.proxy;

import dev.sluice.fuzz.Fuzzing;
import java.net.URI;

/**
 * Fuzz target for upstream project pages: the first byte picks PEP 691 JSON or PEP 503 HTML, the rest is the
 * body. A page is read or refused with an {@link UpstreamException}; every file kept has a name and a URL.
 */
public final class UpstreamPageFuzz {
    private static final URI PAGE = URI.create("https://upstream.example/simple/demo/");

    private UpstreamPageFuzz() {}

    public static void fuzzerTestOneInput(byte[] data) {
        if (data.length == 0) {
            return;
        }
        String type = (data[0] & 1) == 0 ? "application/vnd.pypi.simple.v1+json" : "text/html";
        byte[] body = java.util.Arrays.copyOfRange(data, 1, data.length);
        try {
            UpstreamProject page = UpstreamPageParser.parse("demo", body, type, PAGE);
            for (UpstreamFile file : page.files()) {
                Fuzzing.check(file.filename() != null && file.url() != null, "a kept file has a name and a URL");
            }
        } catch (UpstreamException refused) {
            // the typed refusal (502 to the client)
        }
    }
}
