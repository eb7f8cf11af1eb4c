package dev.sluice.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An upstream page as kept in the catalog: Sluice's reading of it, as JSON. */
final class CachedPageCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CachedPageCodec() {}

    static String write(UpstreamProject page) {
        ObjectNode root = JSON.createObjectNode().put("name", page.name()).put("upstream_serial", page.upstreamSerial());
        ArrayNode files = root.putArray("files");
        for (UpstreamFile f : page.files()) {
            files.addObject().put("filename", f.filename()).put("url", f.url()).put("sha256", f.sha256())
                    .put("requires_python", f.requiresPython()).put("core_metadata", f.coreMetadata())
                    .put("yanked", f.yanked()).put("yank_reason", f.yankReason()).put("size", f.size())
                    .put("upload_time", f.uploadTime() == null ? null : f.uploadTime().toString());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static UpstreamProject read(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<UpstreamFile> files = new ArrayList<>();
            for (JsonNode f : root.get("files")) {
                files.add(new UpstreamFile(f.get("filename").asText(), f.get("url").asText(), f.get("sha256").asText(),
                        text(f.get("requires_python")), f.get("core_metadata").asText(), f.get("yanked").asBoolean(),
                        text(f.get("yank_reason")), f.get("size").asLong(),
                        text(f.get("upload_time")) == null ? null : Instant.parse(f.get("upload_time").asText())));
            }
            return new UpstreamProject(root.get("name").asText(), files, root.get("upstream_serial").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
