package dev.sluice.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.http.JsonBodies;
import dev.sluice.index.DistributionFile;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code index/PROJECT.json} member of a bundle: a project's display name and, for each of its files in the
 * bundle, everything its simple-API entry says on the exporting side.
 */
record IndexFacts(String displayName, List<DistributionFile> files) {

    byte[] toJson() {
        ObjectNode json = JsonBodies.newObject().put("name", displayName);
        ArrayNode array = json.putArray("files");
        for (DistributionFile f : files) {
            ObjectNode o = array.addObject().put("filename", f.filename()).put("version", f.version())
                    .put("packagetype", f.packagetype()).put("python_version", f.pythonVersion()).put("size", f.size())
                    .put("sha256", f.sha256()).put("md5", f.md5()).put("blake2b_256", f.blake2b256())
                    .put("requires_python", f.requiresPython()).put("core_metadata_sha256", f.coreMetadataSha256())
                    .put("upload_time", f.uploadTime() == null ? null : f.uploadTime().toString()).put("yanked", f.yanked());
            o.put("yank_reason", f.yankReason());
        }
        try {
            return JsonBodies.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws BundleRefused when the member is not such a document */
    static IndexFacts parse(String path, byte[] bytes) {
        try {
            JsonNode json = JsonBodies.JSON.readTree(bytes);
            List<DistributionFile> files = new ArrayList<>();
            for (JsonNode f : json.path("files")) {
                String uploaded = text(f, "upload_time");
                files.add(new DistributionFile(f.path("filename").asText(), f.path("version").asText(), f.path("packagetype").asText(),
                        text(f, "python_version"), f.path("size").asLong(), f.path("sha256").asText(), text(f, "md5"),
                        text(f, "blake2b_256"), text(f, "requires_python"), text(f, "core_metadata_sha256") != null,
                        text(f, "core_metadata_sha256"), uploaded == null ? null : Instant.parse(uploaded),
                        f.path("yanked").asBoolean(), text(f, "yank_reason")));
            }
            return new IndexFacts(json.path("name").asText(), List.copyOf(files));
        } catch (IOException | RuntimeException e) {
            throw new BundleRefused(path + " is not a project's index facts: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
