package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.ServerSettings;
import dev.sluice.app.Sluice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class SluiceServerTest {
    @Test
    void answersHealthAndExplainsUnknownPaths() throws Exception {
        try (SluiceServer server = SluiceServer.start(Sluice.open(
                ServerSettings.defaults(java.nio.file.Files.createTempDirectory("sluice")), Clock.systemUTC()));
                HttpClient client = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
            HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(base + "/nothing/here")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo("Not Found: /nothing/here\n");
        }
    }
}
