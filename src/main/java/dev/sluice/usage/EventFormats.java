package dev.sluice.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Usage events as JSON lines and CSV rows, with the same field names in both. */
public final class EventFormats {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventFormats() {}

    private static Map<String, Object> fields(UsageStore.Event e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("at", e.at().toString());
        f.put("kind", e.kind());
        f.put("route", e.route());
        f.put("project", e.project());
        f.put("version", e.version());
        f.put("filename", e.filename());
        f.put("identity", e.identity());
        f.put("token_id", e.tokenId());
        f.put("client_address", e.clientAddress());
        f.put("installer", e.installer());
        f.put("installer_version", e.installerVersion());
        f.put("python", e.python());
        f.put("os", e.os());
        f.put("cpu", e.cpu());
        f.put("ci", e.ci());
        f.put("decision", e.decision());
        f.put("detail", e.detail());
        f.put("source", e.source());
        f.put("gates", e.gates());
        f.put("status", e.status());
        f.put("bytes", e.bytes());
        f.put("duration_micros", e.durationMicros());
        f.put("request_id", e.requestId());
        return f;
    }

    public static String csvHeader() {
        return String.join(",", fields(new UsageStore.Event(java.time.Instant.EPOCH, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, 0, null, 0, null)).keySet()) + "\n";
    }

    public static String jsonLine(UsageStore.Event e) {
        ObjectNode node = JSON.valueToTree(fields(e));
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static String csvLine(UsageStore.Event e) {
        return String.join(",", Arrays.stream(fields(e).values().toArray()).map(EventFormats::csvValue).toList()) + "\n";
    }

    private static String csvValue(Object value) {
        if (value == null) {
            return "";
        }
        String v = value.toString();
        // Quoted when needed; a leading =, +, - or @ is defused so that spreadsheets do not run it as a formula.
        String safe = v.matches("[=+\\-@].*") && !v.matches("-?[0-9.]+") ? "'" + v : v;
        return safe.matches("[^,\"\\r\\n]*") ? safe : "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
