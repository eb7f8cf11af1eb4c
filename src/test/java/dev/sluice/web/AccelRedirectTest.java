package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.ServerSettings;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.Nginx;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import dev.sluice.util.Digests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [server] accel-redirect} behind Debian's nginx: Sluice decides, nginx sends the bytes of a whole stored file;
 * ranges, small files and HEADs stay Sluice's, a file Sluice no longer serves is not sent however its blob lingers,
 * and the internal location cannot be asked for directly.
 */
class AccelRedirectTest {
    private static final String PREFIX = "/_sluice_blobs/";

    @TempDir
    Path dir;

    @Test
    void nginxSendsTheFilesSluiceDecidedToServeAndNothingElse() throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        byte[] noise = new byte[150 * 1024];
        new Random(25).nextBytes(noise);
        Path big = Wheels.wheelWith(wheels, "handed-over", "1.0", Map.of("data.txt", HexFormat.of().formatHex(noise)));
        Path small = Wheels.wheel(wheels, "kept-here", "1.0");
        byte[] bigBytes = Files.readAllBytes(big);
        assertThat(bigBytes.length).as("past what Sluice sends in one write").isGreaterThan(64 * 1024);
        String bigPath = "/simple/handed-over/" + big.getFileName();
        String sha = Digests.of(bigBytes).sha256();

        try (SluiceHarness sluice = SluiceHarness.startOnSqlite(ServerSettings.defaults(dir.resolve("data"))
                        .withAdminToken(SluiceHarness.TOKEN).withAccelRedirect(PREFIX));
                Nginx front = Nginx.acceleratedFront(sluice.base(), PREFIX, dir.resolve("data/blobs"), dir.resolve("nginx"));
                HttpClient client = HttpClient.newHttpClient()) {
            assertThat(sluice.upload(Multipart.twineLike(big, "handed-over", "1.0")).statusCode()).isEqualTo(200);
            assertThat(sluice.upload(Multipart.twineLike(small, "kept-here", "1.0")).statusCode()).isEqualTo(200);

            HttpResponse<byte[]> direct = sluice.getBytes(bigPath);
            assertThat(direct.statusCode()).isEqualTo(200);
            assertThat(direct.headers().firstValue("X-Accel-Redirect")).hasValue(PREFIX + "sha256/" + sha.substring(0, 2) + "/" + sha);
            assertThat(direct.body()).as("Sluice sends no bytes itself").isEmpty();

            HttpResponse<byte[]> through = get(client, front.url(bigPath), null);
            assertThat(through.statusCode()).isEqualTo(200);
            assertThat(through.body()).isEqualTo(bigBytes);
            assertThat(through.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
            assertThat(through.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, immutable");
            assertThat(through.headers().allValues("ETag")).as("Sluice's, the sha256").containsExactly("\"" + sha + "\"");
            assertThat(through.headers().allValues("Accept-Ranges")).containsExactly("bytes");
            HttpResponse<byte[]> revalidated = client.send(HttpRequest.newBuilder(URI.create(front.url(bigPath)))
                    .header("If-None-Match", "\"" + sha + "\"").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(revalidated.statusCode()).isEqualTo(304);

            HttpResponse<byte[]> range = get(client, front.url(bigPath), "bytes=100-109");
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(bigBytes, 100, 110));
            assertThat(sluice.getBytes(bigPath, "Range", "bytes=100-109").headers().firstValue("X-Accel-Redirect"))
                    .as("a range is Sluice's to answer").isEmpty();

            HttpResponse<byte[]> smallThrough = get(client, front.url("/simple/kept-here/" + small.getFileName()), null);
            assertThat(smallThrough.body()).isEqualTo(Files.readAllBytes(small));
            assertThat(sluice.getBytes("/simple/kept-here/" + small.getFileName()).headers().firstValue("X-Accel-Redirect"))
                    .as("a small file goes out with the headers, in one write").isEmpty();

            assertThat(get(client, front.url(PREFIX + "sha256/" + sha.substring(0, 2) + "/" + sha), null).statusCode())
                    .as("the internal location is nginx's alone").isEqualTo(404);

            assertThat(sluice.admin("DELETE", "/admin/projects/handed-over/files/" + big.getFileName(), null).statusCode())
                    .isEqualTo(200);
            assertThat(dir.resolve("data/blobs/sha256/" + sha.substring(0, 2) + "/" + sha)).as("until gc").exists();
            assertThat(get(client, front.url(bigPath), null).statusCode()).as("Sluice decides, not the blob folder")
                    .isEqualTo(404);
        }
    }

    private static HttpResponse<byte[]> get(HttpClient client, String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (range != null) {
            request.header("Range", range);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
