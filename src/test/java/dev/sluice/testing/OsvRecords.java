package dev.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** OSV records imported into a running server through its admin API, as {@code sluice vulnerabilities import} does. */
public final class OsvRecords {
    private OsvRecords() {}

    /** The records (JSON texts) in a zip, one entry each. */
    public static byte[] zip(String... records) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < records.length; i++) {
                out.putNextEntry(new ZipEntry("record-" + i + ".json"));
                out.write(records[i].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Imports the zip; returns the server's NDJSON answer (progress lines, then the report). */
    public static String importZip(SluiceHarness sluice, byte[] zip) throws Exception {
        HttpResponse<String> r = sluice.send(sluice.request("/admin/vulnerabilities/import", "Authorization",
                        "Bearer " + SluiceHarness.TOKEN, "Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
