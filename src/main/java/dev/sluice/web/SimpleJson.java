package dev.sluice.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.http.FileUrls;
import dev.sluice.http.Timestamps;
import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectPage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.Set;

/** The simple API's JSON form (PEP 691), with the PEP 700, 714 and 792 keys, as PyPI writes it. */
final class SimpleJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_VERSION = "1.4";

    private SimpleJson() {}

    /** Writes the project list entry by entry (a streaming generator: PyPI's has 600,000 names). */
    static void projectList(ProjectList list, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)
                .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)) {
            json.writeStartObject();
            json.writeFieldName("meta");
            json.writeTree(meta(list.lastSerial()));
            json.writeArrayFieldStart("projects");
            list.forEach(p -> {
                json.writeStartObject();
                json.writeStringField("name", p.displayName());
                json.writeNumberField("_last-serial", p.lastSerial());
                json.writeEndObject();
            });
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    static byte[] projectPage(ProjectPage page) {
        ObjectNode root = JSON.createObjectNode();
        root.set("meta", meta(page.lastSerial()));
        root.put("name", page.name().value());
        Set<String> versions = new LinkedHashSet<>();
        ArrayNode files = JSON.createArrayNode();
        for (DistributionFile f : page.files()) {
            versions.add(f.version());
            ObjectNode file = files.addObject();
            file.put("filename", f.filename());
            file.put("url", FileUrls.relative(f.filename()));
            file.putObject("hashes").put("sha256", f.sha256());
            file.put("requires-python", f.requiresPython());
            if (!f.coreMetadata()) {
                file.put("core-metadata", false);
                file.put("data-dist-info-metadata", false);
            } else if (f.coreMetadataSha256() == null) {
                file.put("core-metadata", true);
                file.put("data-dist-info-metadata", true);
            } else {
                file.putObject("core-metadata").put("sha256", f.coreMetadataSha256());
                file.putObject("data-dist-info-metadata").put("sha256", f.coreMetadataSha256());
            }
            if (!f.yanked()) {
                file.put("yanked", false);
            } else if (f.yankReason() == null || f.yankReason().isEmpty()) {
                file.put("yanked", true);
            } else {
                file.put("yanked", f.yankReason());
            }
            if (f.size() >= 0) {
                file.put("size", f.size());
            }
            if (f.uploadTime() != null) {
                file.put("upload-time", Timestamps.iso(f.uploadTime()));
            }
            file.putNull("provenance");
        }
        ArrayNode versionList = root.putArray("versions");
        versions.forEach(versionList::add);
        root.set("files", files);
        ObjectNode status = root.putObject("project-status").put("status", page.status());
        if (page.statusReason() != null) {
            status.put("reason", page.statusReason());
        }
        if (!page.provenance().hidden().isEmpty()) {
            // Private key (PEP 691 lets clients ignore '_' keys): what gates held back, why, and until when.
            ArrayNode hidden = root.putArray("_hidden");
            for (dev.sluice.index.Provenance.Hidden h : page.provenance().hidden()) {
                hidden.addObject().put("filename", h.filename()).put("gate", h.gate()).put("reason", h.reason())
                        .put("until", h.until() == null ? null : Timestamps.iso(h.until()));
            }
        }
        // Private keys: the advisories affecting files left on the page (_vulnerabilities) and the inspection's findings
        // in them (_findings), with what the gate does about each.
        for (dev.sluice.index.Provenance.Flagged f : page.provenance().flagged()) {
            ObjectNode section = root.has(f.kind().pageKey) ? (ObjectNode) root.get(f.kind().pageKey) : root.putObject(f.kind().pageKey);
            ObjectNode entry = section.putObject(f.filename()).put("action", f.action());
            f.evidence().forEach(entry.putArray(f.kind().listKey)::add);
        }
        return write(root);
    }

    private static ObjectNode meta(long lastSerial) {
        return JSON.createObjectNode().put("api-version", API_VERSION).put("_last-serial", lastSerial);
    }

    private static byte[] write(ObjectNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
