package dev.sluice.cli;

import dev.sluice.app.Sluice;
import dev.sluice.proxy.UpstreamSettings;
import dev.sluice.app.ServerSettings;
import dev.sluice.web.SluiceServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;

/**
 * {@code sluice aot-training} (hidden): the build's training run for the JVM's ahead-of-time cache
 * ({@code -XX:AOTCacheOutput}, JDK 25). It starts a hosted server and a proxy of it in a temporary directory, sends
 * them what pip and twine send (an upload, the root list, pages in both forms, a file, its metadata), and stops.
 * The JVM records the classes this loads and the methods it runs; a later {@code -XX:AOTCache} start finds them
 * loaded and linked instead of reading them from the jars, which is most of a start's time.
 */
@Command(name = "aot-training", hidden = true,
        description = "Run a hosted server and a proxy of it briefly, as the build's training run for -XX:AOTCacheOutput.")
final class AotTrainingCommand implements Callable<Integer> {
    private static final String TOKEN = "aot-training-" + Long.toHexString(System.nanoTime());
    private static final String PROJECT = "aot-training";
    private static final String WHEEL = "aot_training-1.0-py3-none-any.whl";
    private static final String HTML = "text/html";
    private static final String JSON = "application/vnd.pypi.simple.v1+json";

    private final HttpClient client = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        Path directory = Files.createTempDirectory("sluice-aot-training");
        try (SluiceServer hosted = SluiceServer.start(Sluice.open(ServerSettings.defaults(directory.resolve("hosted"))
                        .withAdminToken(TOKEN), Clock.systemUTC()));
                SluiceServer proxy = SluiceServer.start(Sluice.open(proxyOf(hosted, directory.resolve("proxy")), Clock.systemUTC()))) {
            String hostedBase = "http://127.0.0.1:" + hosted.port();
            upload(hostedBase);
            String proxyBase = "http://127.0.0.1:" + proxy.port();
            for (String base : List.of(hostedBase, proxyBase)) {
                get(200, base + "/health", "*/*", null);
                for (String accept : List.of(HTML, JSON)) {
                    get(200, base + "/simple/", accept, null);
                    get(200, base + "/simple/" + PROJECT + "/", accept, null);
                    get(200, base + "/simple/" + PROJECT + "/", accept, "gzip");
                }
                get(200, base + "/simple/" + PROJECT + "/" + WHEEL, "*/*", null);
                get(200, base + "/simple/" + PROJECT + "/" + WHEEL + ".metadata", "*/*", null);
                get(404, base + "/simple/absent-project/", HTML, null);
            }
            get(200, proxyBase + "/indexes/pypi/simple/" + PROJECT + "/", HTML, null);
            get(200, proxyBase + "/indexes/pypi/simple/" + PROJECT + "/" + WHEEL, "*/*", null);
        } finally {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return 0;
    }

    /** The embedded default as {@code serve} builds it, with the hosted server standing in for PyPI. */
    private static ServerSettings proxyOf(SluiceServer upstream, Path data) {
        URI index = URI.create("http://127.0.0.1:" + upstream.port() + "/simple/");
        return ServerSettings.defaults(data).withAdminToken(TOKEN).withUpstream(UpstreamSettings.defaults("pypi", index));
    }

    /** A request whose answer must have the expected status: a training run that saw errors would train them. */
    private void get(int expected, String url, String accept, String encoding) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept);
        if (encoding != null) {
            request.header("Accept-Encoding", encoding);
        }
        int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != expected) {
            throw new IOException("training request " + url + " answered " + status + ", not " + expected);
        }
    }

    /** Uploads a small wheel as twine does: a multipart form with the admin token. */
    private void upload(String base) throws IOException, InterruptedException {
        String boundary = "aot-training-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String fields = "";
        for (String[] field : List.of(new String[] {":action", "file_upload"}, new String[] {"protocol_version", "1"},
                new String[] {"name", PROJECT}, new String[] {"version", "1.0"}, new String[] {"filetype", "bdist_wheel"},
                new String[] {"pyversion", "py3"})) {
            fields += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n" + field[1]
                    + "\r\n";
        }
        body.writeBytes((fields + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\""
                + WHEEL + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(wheel());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String credentials = java.util.Base64.getEncoder().encodeToString(("__token__:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base + "/legacy/"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("the training upload was refused: " + answer.statusCode() + " " + answer.body());
        }
    }

    /** A small wheel as a build backend writes it (summary, RECORD with hashes): the upload path's common case. */
    private static byte[] wheel() throws IOException {
        String distInfo = "aot_training-1.0.dist-info/";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder record = new StringBuilder();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String[] entry : List.of(new String[] {"aot_training/__init__.py", "VALUE = 1\n"},
                    new String[] {distInfo + "METADATA", "Metadata-Version: 2.1\nName: " + PROJECT + "\nVersion: 1.0\n"
                            + "Summary: what the AOT cache is trained with\n"},
                    new String[] {distInfo + "WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"})) {
                byte[] content = entry[1].getBytes(StandardCharsets.UTF_8);
                zip.putNextEntry(new ZipEntry(entry[0]));
                zip.write(content);
                zip.closeEntry();
                record.append(entry[0]).append(",sha256=").append(java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(java.util.HexFormat.of().parseHex(dev.sluice.util.Digests.of(content).sha256()))).append(',').append(content.length).append('\n');
            }
            zip.putNextEntry(new ZipEntry(distInfo + "RECORD"));
            zip.write(record.append(distInfo).append("RECORD,,\n").toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
