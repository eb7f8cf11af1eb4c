package dev.sluice.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.http.JsonBodies;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import dev.sluice.store.BlobStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The first member of every bundle: what it holds (each member's path and sha256), where it comes from and what it was
 * made for. The exporter signs exactly these bytes; the importer takes no member the manifest does not name with
 * that sha256, and no bundle that lacks one it names.
 *
 * <p>Member paths: {@code files/FILENAME} (a distribution), {@code metadata/FILENAME.metadata} (its core metadata),
 * {@code index/PROJECT.json} (the index facts of a project's files), {@code advisories.zip} (OSV records of those
 * projects).
 *
 * @param routeSerial the route's last serial when the bundle was made: {@code --since} it, the next export carries what
 *     changed after
 */
public record Manifest(String format, Instant created, String exporter, String route, long routeSerial, List<String> targets,
        List<String> requirements, List<Member> members) {
    public static final String FORMAT = "sluice-bundle/1";
    public static final String PATH = "manifest.json";
    public static final String SIGNATURE_PATH = "manifest.json.sig";
    static final String ADVISORIES = "advisories.zip";

    /** One member: its path in the bundle and the sha256 of its bytes. */
    public record Member(String path, String sha256) {}

    byte[] toJson() {
        ObjectNode json = JsonBodies.newObject().put("format", format).put("created", created.toString())
                .put("exporter", exporter).put("route", route).put("route_serial", routeSerial);
        ArrayNode t = json.putArray("targets");
        targets.forEach(t::add);
        ArrayNode r = json.putArray("requirements");
        requirements.forEach(r::add);
        ArrayNode m = json.putArray("members");
        members.forEach(member -> m.addObject().put("path", member.path).put("sha256", member.sha256));
        try {
            return JsonBodies.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @throws BundleRefused when the bytes are not a manifest this version reads, or a member's path or sha256 is not
     *     one a bundle may hold
     */
    static Manifest parse(byte[] bytes) {
        JsonNode json;
        try {
            json = JsonBodies.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new BundleRefused("the manifest is not JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject() || !FORMAT.equals(json.path("format").asText())) {
            throw new BundleRefused("the manifest is not a " + FORMAT + " manifest");
        }
        List<Member> members = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (JsonNode m : json.path("members")) {
            Member member = new Member(m.path("path").asText(), m.path("sha256").asText());
            if (!BlobStore.isBlobName(member.sha256) || !validPath(member.path) || !paths.add(member.path)) {
                throw new BundleRefused("the manifest names a member it may not: '" + member.path + "' " + member.sha256);
            }
            members.add(member);
        }
        Instant created;
        try {
            created = Instant.parse(json.path("created").asText());
        } catch (RuntimeException e) {
            throw new BundleRefused("the manifest's creation time is not a time: " + json.path("created"));
        }
        return new Manifest(FORMAT, created, json.path("exporter").asText(), json.path("route").asText(),
                json.path("route_serial").asLong(-1), texts(json.path("targets")), texts(json.path("requirements")), List.copyOf(members));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return List.copyOf(texts);
    }

    /** Whether a path is one of the four kinds a bundle holds, with a name that cannot be read as anything else. */
    static boolean validPath(String path) {
        if (path.equals(ADVISORIES)) {
            return true;
        }
        try {
            if (path.startsWith("files/")) {
                DistributionFilename.parse(path.substring("files/".length()));
                return true;
            }
            if (path.startsWith("metadata/") && path.endsWith(".metadata")) {
                DistributionFilename.parse(path.substring("metadata/".length(), path.length() - ".metadata".length()));
                return true;
            }
            if (path.startsWith("index/") && path.endsWith(".json")) {
                String name = path.substring("index/".length(), path.length() - ".json".length());
                return ProjectName.isNormalized(name);
            }
        } catch (RuntimeException e) {
            return false;
        }
        return false;
    }
}
