package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogLinesTest {
    @Test
    void anEventIsOneLineOfJsonWithItsContextAndItsFailure() throws Exception {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("dev.sluice.Example", context.getLogger("dev.sluice.Example"), Level.WARN,
                "upload of {} refused:\n\"bad\" bytes", new IllegalStateException("cut short"), new Object[] {"a-1.0.tar.gz"});
        event.setMDCPropertyMap(Map.of("request_id", "0a1b2c3d4e-7"));
        JsonLogLines encoder = new JsonLogLines();
        encoder.setContext(context);
        encoder.start();

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("}\n");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("message").asText()).isEqualTo("upload of a-1.0.tar.gz refused:\n\"bad\" bytes");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("dev.sluice.Example");
        assertThat(json.get("request_id").asText()).isEqualTo("0a1b2c3d4e-7");
        assertThat(json.get("time").asText()).isEqualTo(java.time.Instant.ofEpochMilli(event.getTimeStamp()).toString());
        assertThat(json.get("error").asText()).contains("java.lang.IllegalStateException: cut short").contains("\tat ");
    }
}
