package dev.sluice.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A known vulnerability of the version shown: its id and aliases, what it is, and the versions that fix it. */
public record AdvisoryRow(String id, String aliases, String summary, String fixedIn) {
    /** From the vulnerabilities feature's Warehouse-shaped list. */
    static List<AdvisoryRow> of(JsonNode warehouseList) {
        List<AdvisoryRow> out = new ArrayList<>();
        for (JsonNode v : warehouseList) {
            String summary = v.path("summary").asText("");
            if (summary.isEmpty()) {
                String details = v.path("details").asText("");
                summary = details.length() > 300 ? details.substring(0, 300) + "…" : details;
            }
            out.add(new AdvisoryRow(v.path("id").asText(), join(v.path("aliases")), summary, join(v.path("fixed_in"))));
        }
        return out;
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return String.join(", ", parts);
    }
}
