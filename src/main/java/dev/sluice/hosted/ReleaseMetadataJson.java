package dev.sluice.hosted;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.pep.CoreMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/** The core metadata fields the JSON API shows for a release, kept as JSON in the catalog. */
final class ReleaseMetadataJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReleaseMetadataJson() {}

    static String of(CoreMetadata m) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", m.name());
        node.put("version", m.version());
        node.put("metadata_version", m.metadataVersion());
        node.put("summary", m.summary());
        node.put("description", m.description());
        node.put("description_content_type", m.descriptionContentType());
        node.put("author", m.get("Author"));
        node.put("author_email", m.get("Author-email"));
        node.put("maintainer", m.get("Maintainer"));
        node.put("maintainer_email", m.get("Maintainer-email"));
        node.put("license", m.get("License"));
        node.put("license_expression", m.licenseExpression());
        node.putPOJO("license_files", m.licenseFiles());
        node.put("keywords", m.get("Keywords"));
        node.put("home_page", m.get("Home-page"));
        node.put("download_url", m.get("Download-URL"));
        node.put("requires_python", m.requiresPython());
        node.putPOJO("classifiers", m.classifiers());
        node.putPOJO("requires_dist", m.requiresDist());
        node.putPOJO("provides_extra", m.providesExtra());
        node.putPOJO("platform", m.getAll("Platform"));
        node.putPOJO("dynamic", m.dynamic());
        Map<String, String> urls = new LinkedHashMap<>();
        for (String entry : m.getAll("Project-URL")) {
            int comma = entry.indexOf(',');
            if (comma > 0) {
                urls.put(entry.substring(0, comma).strip(), entry.substring(comma + 1).strip());
            }
        }
        node.putPOJO("project_urls", urls);
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("metadata cannot be written as JSON", e);
        }
    }
}
