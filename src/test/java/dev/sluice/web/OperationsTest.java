package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.ServerSettings;
import dev.sluice.store.Database;
import dev.sluice.testing.Eventually;
import dev.sluice.usage.SqlUsageStore;
import dev.sluice.usage.UsageStore;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.usage.UsageSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics, /ready, the usage log's JSON lines file and its retention, on a running server. */
class OperationsTest {
    @TempDir
    Path dir;

    @Test
    void metricsReadinessJsonLinesAndRetention() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (Database db = Database.openSqlite(data.resolve("sluice.db"))) {
            new SqlUsageStore(db.jdbi()).append(List.of(new UsageStore.Event(Instant.parse("2000-01-01T00:00:00Z"), "file", "simple",
                    "ancient", "1.0", "ancient-1.0.tar.gz", "anonymous", null, "127.0.0.1", "pip", "1.0", null, null, null, null,
                    "served", null, null, null, 200, 1L, 1, null)));
        }
        Path jsonLines = dir.resolve("logs/usage.jsonl");
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(data).withAdminToken(SluiceHarness.TOKEN)
                .withUsage(new UsageSettings(true, jsonLines, Duration.ofDays(400))))) {
            assertThat(sluice.get("/simple/").statusCode()).isEqualTo(200);
            assertThat(sluice.get("/simple/nothing/").statusCode()).isEqualTo(404);

            String metrics = sluice.get("/metrics").body();
            assertThat(metrics).contains("sluice_requests_seconds_count{decision=\"served\",kind=\"list\",route=\"simple\"} 1")
                    .contains("sluice_requests_seconds_count{decision=\"not-found\",kind=\"page\",route=\"simple\"} 1")
                    .contains("sluice_usage_queue_depth").contains("sluice_usage_events_dropped_total 0")
                    .contains("jvm_memory_used_bytes");
            var ready = sluice.get("/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");

            Eventually.holds(() -> Files.exists(jsonLines) && read(jsonLines).contains("\"project\":\"nothing\""));
            assertThat(read(jsonLines)).contains("\"kind\":\"list\"").contains("\"decision\":\"not-found\"");
            String export = sluice.get("/admin/usage/export", "Authorization", "Bearer " + SluiceHarness.TOKEN).body();
            assertThat(export).as("the event older than the retention was pruned at start").doesNotContain("ancient");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
