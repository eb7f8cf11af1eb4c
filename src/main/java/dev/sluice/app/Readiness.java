package dev.sluice.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /ready} answers: ready (200) unless something keeps Sluice from storing what it is sent (503,
 * naming each cause); and, either way, each proxy source's upstream circuit, since an open one means answers come
 * from the cache. An upstream that is down does not make Sluice unready: it still serves what it has.
 *
 * @param problems what keeps Sluice from taking requests: the catalog, the blob store, the disk
 * @param upstreams each proxy source's circuit, described
 */
public record Readiness(List<String> problems, Map<String, String> upstreams) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean ready() {
        return problems.isEmpty();
    }

    public String json() {
        ObjectNode body = JSON.createObjectNode().put("status", ready() ? "ready" : "not ready");
        if (!ready()) {
            body.put("problem", String.join("; ", problems));
            problems.forEach(body.putArray("problems")::add);
        }
        if (!upstreams.isEmpty()) {
            ObjectNode circuits = body.putObject("upstreams");
            upstreams.forEach(circuits::put);
        }
        return body.toString();
    }
}
