package dev.sluice.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.testing.Eventually;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery against real local HTTP receivers: events arrive in order as JSON; a receiver that answers errors is
 * retried until it accepts; a receiver that is down when the event is sent gets it once it comes up, within the
 * retries; announcing never waits for the receiver.
 */
class WebhooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eventsArriveInOrderAndAreRetriedWhileTheReceiverFails() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean fail = calls.incrementAndGet() <= 2; // the first two calls fail: the event is sent again
            if (!fail) {
                received.add(body);
            }
            exchange.sendResponseHeaders(fail ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try (Webhooks hooks = new Webhooks(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
                Duration.ofMillis(20))) {
            long t0 = System.nanoTime();
            hooks.announce("{\"event\": \"request\", \"id\": \"a\"}");
            hooks.announce("{\"event\": \"approved\", \"id\": \"b\"}");
            assertThat((System.nanoTime() - t0) / 1_000_000).as("announcing does not wait").isLessThan(500);
            assertThat(Eventually.poll(received::size, n -> n == 2)).isEqualTo(2);
            assertThat(received.stream().map(WebhooksTest::id).toList()).containsExactly("a", "b");
            assertThat(calls.get()).isEqualTo(4);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aReceiverThatIsDownGetsTheEventOnceItIsUp() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> received = new CopyOnWriteArrayList<>();
        try (Webhooks hooks = new Webhooks(URI.create("http://127.0.0.1:" + port + "/hook"), Duration.ofMillis(200))) {
            hooks.announce("{\"event\": \"request\", \"id\": \"late\"}");
            Thread.sleep(300); // at least one attempt fails: nothing listens yet
            HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            receiver.createContext("/hook", exchange -> {
                received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            try {
                assertThat(Eventually.poll(received::size, n -> n == 1)).isEqualTo(1);
                assertThat(id(received.get(0))).isEqualTo("late");
            } finally {
                receiver.stop(0);
            }
        }
    }

    private static String id(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node.get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
