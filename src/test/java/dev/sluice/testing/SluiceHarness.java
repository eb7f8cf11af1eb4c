package dev.sluice.testing;

import dev.sluice.app.ServerSettings;
import dev.sluice.app.Sluice;
import dev.sluice.web.SluiceServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A real Sluice server on a free loopback port with its own data directory, recording every request it answers. */
public final class SluiceHarness implements AutoCloseable {
    public static final String TOKEN = "sluice_test_admin_token_0123456789abcdef";

    private final SluiceServer server;
    private final Sluice sluice;
    private final Path data;
    private final dev.sluice.store.BlobLocation blobs;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param settings as given: the start methods choose the catalog and the blob store (see {@link SharedPostgres} and
     *     {@link SharedS3})
     */
    private SluiceHarness(ServerSettings settings, Clock clock) throws IOException {
        this.data = settings.dataDirectory();
        this.blobs = settings.blobs();
        this.sluice = Sluice.open(settings, clock);
        this.server = SluiceServer.start(sluice, (method, path, status) -> requests.add(method + " " + path + " " + status));
    }

    public static SluiceHarness start(Path data) throws IOException {
        return start(ServerSettings.defaults(data).withAdminToken(TOKEN));
    }

    public static SluiceHarness start(ServerSettings settings) throws IOException {
        return new SluiceHarness(SharedS3.onRequest(SharedPostgres.onRequest(settings)), Clock.systemUTC());
    }

    /** With a clock the test moves (a {@link MovableClock}) instead of sleeping through TTLs and expiries. */
    public static SluiceHarness start(ServerSettings settings, Clock clock) throws IOException {
        return new SluiceHarness(SharedS3.onRequest(SharedPostgres.onRequest(settings)), clock);
    }

    /** On the embedded SQLite file whatever the run's catalog: for what is about that file itself. */
    public static SluiceHarness startOnSqlite(ServerSettings settings) throws IOException {
        return new SluiceHarness(settings, Clock.systemUTC());
    }

    /** One hosted source on a private {@code /simple/} (anonymous-read off), its config file in {@code dir}. */
    public static SluiceHarness startPrivateHosted(Path dir, Clock clock) throws IOException, dev.sluice.config.ConfigException {
        Path config = java.nio.file.Files.writeString(dir.resolve("sluice.toml"), """
                [sources.local]
                type = "hosted"

                [routes.main]
                path = "/simple/"
                serve = "local"
                anonymous-read = false
                """);
        return start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(TOKEN)
                .withConfigFile(config, dev.sluice.config.ConfigReader.read(config, null).graph()), clock);
    }

    /** The server's features, for benchmarks that time one of them apart from HTTP. */
    public Sluice sluice() {
        return sluice;
    }

    /** Requests the server has begun and not yet answered and logged. */
    public int requestsInFlight() {
        return server.requestsInFlight();
    }

    public String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The port it listens on, for tests that speak HTTP over a socket of their own. */
    public int port() {
        return server.port();
    }

    public String simpleUrl() {
        return base() + "/simple/";
    }

    public String uploadUrl() {
        return base() + "/legacy/";
    }

    /**
     * The names of every file the blob store keeps, committed or staged, wherever it keeps them (a folder, a bucket
     * and its local staging folder): a committed blob's name is its sha256.
     */
    public List<String> storedFileNames() throws IOException {
        List<Path> folders = new ArrayList<>();
        List<String> names = new ArrayList<>();
        switch (blobs) {
            case dev.sluice.store.BlobLocation.Folder folder -> folders.add(folder.root());
            case dev.sluice.store.BlobLocation.S3 bucket -> {
                names.addAll(SharedS3.objectNames(bucket));
                folders.add(data.resolve("tmp").resolve("staging"));
            }
        }
        for (Path folder : folders) {
            if (java.nio.file.Files.isDirectory(folder)) {
                try (var walk = java.nio.file.Files.walk(folder)) {
                    walk.filter(java.nio.file.Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
                }
            }
        }
        return names;
    }

    public Path data() {
        return data;
    }

    /** Requests answered so far, as "METHOD /path STATUS". */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clearRequests() {
        requests.clear();
    }

    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path, String... headers) throws IOException, InterruptedException {
        return send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base() + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client.send(request, handler);
    }

    /** Posts a multipart upload with the admin token, as twine would. */
    public HttpResponse<String> upload(Multipart form) throws IOException, InterruptedException {
        return upload(form, "Basic " + java.util.Base64.getEncoder().encodeToString(("__token__:" + TOKEN).getBytes()));
    }

    public HttpResponse<String> upload(Multipart form, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uploadUrl()))
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body()));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
        return call(method, path, "Bearer " + TOKEN, body);
    }

    /**
     * A request with credentials (null: none) and a JSON body (null: none), sent as {@code application/json} unless the
     * headers given name another Content-Type.
     */
    public HttpResponse<String> call(String method, String path, String authorization, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path, headers);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (json != null && !typed) {
            b.header("Content-Type", "application/json");
        }
        return send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
        client.close();
    }
}
