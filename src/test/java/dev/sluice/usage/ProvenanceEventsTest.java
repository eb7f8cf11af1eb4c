package dev.sluice.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.ConfigReader;
import dev.sluice.testing.Eventually;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import dev.sluice.app.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each event says which source served and which gates acted, for files and metadata as for pages; a refusal
 * names the gate that refused, and "refusals" counts by that gate.
 */
class ProvenanceEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRAPH = """
            [sources.wheelhouse]
            type = "directory"
            path = "wheels"
            rescan = "0s"
            unscanned = "serve"

            [gates.vetted]
            type = "allow-deny"
            source = "wheelhouse"
            deny = ["tool==2.0"]

            [gates.with-metadata]
            type = "metadata-injector"
            source = "vetted"

            [routes.main]
            path = "/simple/"
            serve = "with-metadata"
            """;
    private static final String ADMIN = "Bearer " + SluiceHarness.TOKEN;

    @TempDir
    Path dir;

    @Test
    void eventsNameTheSourceAndTheGatesThatActedAndRefusalsCountByGate() throws Exception {
        Wheels.wheel(Files.createDirectories(dir.resolve("wheels")), "tool", "1.0");
        Wheels.wheel(dir.resolve("wheels"), "tool", "2.0");
        Path config = Files.writeString(dir.resolve("sluice.toml"), GRAPH);
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data"))
                .withAdminToken(SluiceHarness.TOKEN).withConfigFile(config, ConfigReader.read(config, null).graph()))) {
            assertThat(sluice.get("/simple/tool/").statusCode()).isEqualTo(200);
            assertThat(sluice.get("/simple/tool/tool-1.0-py3-none-any.whl").statusCode()).isEqualTo(200);
            assertThat(sluice.get("/simple/tool/tool-1.0-py3-none-any.whl.metadata").statusCode()).isEqualTo(200);
            assertThat(sluice.get("/simple/tool/tool-2.0-py3-none-any.whl").statusCode()).isEqualTo(403);
            assertThat(sluice.get("/admin/usage/top", "Authorization", "Bearer sluice_wrong").statusCode()).isEqualTo(401);

            List<JsonNode> events = events(sluice, 5);
            JsonNode page = only(events, "page", null);
            assertThat(page.get("source").asText()).isEqualTo("wheelhouse");
            assertThat(page.get("gates").asText()).as("nearest the source first, the route's quarantine last")
                    .isEqualTo("allow-deny,metadata-injector,inspection");
            JsonNode file = only(events, "file", "tool-1.0-py3-none-any.whl");
            assertThat(file.get("source").asText()).isEqualTo("wheelhouse");
            assertThat(file.get("gates").asText()).as("the injector passes files through untouched")
                    .isEqualTo("allow-deny,inspection");
            assertThat(List.of(page, file).stream().map(e -> e.get("status").asInt())).containsExactly(200, 200);
            assertThat(file.get("bytes").asLong()).isPositive();
            JsonNode metadata = only(events, "metadata", "tool-1.0-py3-none-any.whl");
            assertThat(metadata.get("source").asText()).isEqualTo("wheelhouse");
            assertThat(metadata.get("gates").asText()).isEqualTo("allow-deny,metadata-injector,inspection");
            JsonNode refused = only(events, "file", "tool-2.0-py3-none-any.whl");
            assertThat(refused.get("decision").asText()).isEqualTo("refused");
            assertThat(refused.get("status").asInt()).isEqualTo(403);
            assertThat(refused.get("gates").asText()).isEqualTo("allow-deny");
            assertThat(refused.get("detail").asText()).contains("tool==2.0");
            JsonNode unauthenticated = only(events, "admin", null);
            assertThat(unauthenticated.get("decision").asText()).isEqualTo("refused");
            assertThat(unauthenticated.get("gates").asText()).isEqualTo("access");

            JsonNode refusals = JSON.readTree(sluice.get("/admin/usage/refusals", "Authorization", ADMIN).body()).get("refusals");
            List<String> gates = new ArrayList<>();
            refusals.forEach(r -> gates.add(r.get("gate").asText() + "=" + r.get("count").asLong()));
            assertThat(gates).containsExactlyInAnyOrder("allow-deny=1", "access=1");
        }
    }

    /** The first {@code count} events of the log (the export's own request is logged after it answers). */
    private static List<JsonNode> events(SluiceHarness sluice, int count) throws Exception {
        List<JsonNode> events = Eventually.poll(() -> {
            List<JsonNode> read = new ArrayList<>();
            for (String line : sluice.get("/admin/usage/export", "Authorization", ADMIN).body().lines().toList()) {
                read.add(JSON.readTree(line));
            }
            return read;
        }, read -> read.size() >= count);
        assertThat(events).hasSizeGreaterThanOrEqualTo(count);
        return events.subList(0, count);
    }

    private static JsonNode only(List<JsonNode> events, String kind, String filename) {
        List<JsonNode> matching = events.stream().filter(e -> e.get("kind").asText().equals(kind)
                && (filename == null || filename.equals(e.get("filename").asText()))).toList();
        assertThat(matching).as(kind + " " + filename + " in " + events).hasSize(1);
        return matching.get(0);
    }
}
