package dev.sluice.moderation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces moderation events to a webhook: each a JSON POST, sent by one background thread in order, retried with
 * backoff (1 s, 2 s, 4 s, ... up to {@link #ATTEMPTS} tries) while the receiver is down or answers an error. Never in a
 * request's way: a full queue drops the oldest event, with a warning.
 */
final class Webhooks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    static final int ATTEMPTS = 6;
    private static final int QUEUED = 10_000;

    private final URI target;
    private final Duration firstBackoff;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread sender;
    private volatile boolean closing;

    /** @param firstBackoff the wait before the first retry, doubled for each next one */
    Webhooks(URI target, Duration firstBackoff) {
        this.target = target;
        this.firstBackoff = firstBackoff;
        this.sender = Thread.ofVirtual().name("moderation-webhook").start(this::run);
    }

    /** Queues an event (a JSON object's text). */
    void announce(String json) {
        while (!queue.offer(json)) {
            if (queue.poll() != null) {
                LOG.warn("moderation webhook {}: {} events queued, the oldest dropped", target, QUEUED);
            }
        }
    }

    private void run() {
        while (!closing || !queue.isEmpty()) {
            String event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            deliver(event);
        }
    }

    private void deliver(String event) {
        Duration wait = firstBackoff;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header("User-Agent", "Sluice moderation webhook")
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() < 300) {
                    return;
                }
                LOG.warn("moderation webhook {} answered {} (attempt {} of {})", target, answer.statusCode(), attempt, ATTEMPTS);
            } catch (java.io.IOException e) {
                LOG.warn("moderation webhook {} cannot be reached (attempt {} of {}): {}", target, attempt, ATTEMPTS, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2);
        }
        LOG.warn("moderation webhook {}: an event was given up after {} attempts: {}", target, ATTEMPTS, event);
    }

    @Override
    public void close() {
        closing = true;
        sender.interrupt();
    }
}
