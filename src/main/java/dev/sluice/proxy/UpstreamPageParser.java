package dev.sluice.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads an upstream project page: PEP 691 JSON or PEP 503 HTML with every data attribute (hash fragments,
 * requires-python, yanked, core metadata under its old and new names), relative URLs resolved against the
 * page. Unknown keys are ignored. A file without a sha256 cannot be verified, so it is left out; so is a
 * link that is not a wheel or sdist. A page that cannot be read at all is an {@link UpstreamException} (502).
 */
final class UpstreamPageParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private UpstreamPageParser() {}

    static UpstreamProject parse(String project, byte[] body, String contentType, URI pageUrl) throws UpstreamException {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals("application/vnd.pypi.simple.v1+json") || type.equals("application/json")) {
            return parseJson(project, body, pageUrl);
        }
        if (type.equals("text/html") || type.equals("application/vnd.pypi.simple.v1+html")) {
            return parseHtml(project, body, pageUrl);
        }
        throw new UpstreamException(502, "answered with Content-Type '" + contentType + "', not a simple index page");
    }

    private static UpstreamProject parseJson(String project, byte[] body, URI pageUrl) throws UpstreamException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new UpstreamException(502, "sent a JSON page that does not parse: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.path("files").isArray()) {
            throw new UpstreamException(502, "sent a JSON page without a 'files' list");
        }
        List<UpstreamFile> files = new ArrayList<>();
        for (JsonNode f : root.get("files")) {
            String filename = f.path("filename").asText(null);
            String url = f.path("url").asText(null);
            String sha256 = f.path("hashes").path("sha256").asText("").toLowerCase(Locale.ROOT);
            String fileUrl = url == null ? null : fileUrl(pageUrl, url);
            if (filename == null || fileUrl == null || !SHA256.matcher(sha256).matches() || !isDistributionOf(project, filename)) {
                continue;
            }
            JsonNode metadata = firstPresent(f, "core-metadata", "data-dist-info-metadata", "dist-info-metadata");
            JsonNode yanked = f.path("yanked");
            files.add(new UpstreamFile(filename, fileUrl, sha256, textOrNull(f.get("requires-python")),
                    metadataOf(metadata), yanked.isTextual() || yanked.asBoolean(false),
                    yanked.isTextual() ? yanked.asText() : (yanked.asBoolean(false) ? "" : null),
                    f.path("size").asLong(-1), instant(textOrNull(f.get("upload-time")))));
        }
        return new UpstreamProject(project, files, root.path("meta").path("_last-serial").asLong(-1));
    }

    private static UpstreamProject parseHtml(String project, byte[] body, URI pageUrl) throws UpstreamException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new UpstreamException(502, "sent an HTML page that is not UTF-8");
        }
        if (!text.contains("<")) {
            throw new UpstreamException(502, "sent an HTML page without any markup");
        }
        Document page = Jsoup.parse(text, pageUrl.toString());
        List<UpstreamFile> files = new ArrayList<>();
        for (Element a : page.select("a[href]")) {
            URI href;
            try {
                href = URI.create(a.absUrl("href").isEmpty() ? a.attr("href") : a.absUrl("href"));
            } catch (IllegalArgumentException e) {
                continue;
            }
            String path = href.getRawPath() == null ? "" : href.getRawPath();
            String filename = java.net.URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1).replace("+", "%2B"),
                    StandardCharsets.UTF_8);
            String fragment = href.getFragment() == null ? "" : href.getFragment();
            String sha256 = fragment.startsWith("sha256=") ? fragment.substring(7).toLowerCase(Locale.ROOT) : "";
            String url = fileUrl(pageUrl, href.toString());
            if (url == null || !SHA256.matcher(sha256).matches() || !isDistributionOf(project, filename)) {
                continue;
            }
            String metadata = a.hasAttr("data-core-metadata") ? a.attr("data-core-metadata")
                    : a.hasAttr("data-dist-info-metadata") ? a.attr("data-dist-info-metadata") : null;
            files.add(new UpstreamFile(filename, url, sha256,
                    a.hasAttr("data-requires-python") ? a.attr("data-requires-python") : null,
                    metadataOf(metadata), a.hasAttr("data-yanked"), a.hasAttr("data-yanked") ? a.attr("data-yanked") : null,
                    -1, null));
        }
        return new UpstreamProject(project, files, -1);
    }

    private static String metadataOf(JsonNode node) {
        if (node == null || node.isNull() || (node.isBoolean() && !node.asBoolean())) {
            return "none";
        }
        String sha = node.path("sha256").asText("").toLowerCase(Locale.ROOT);
        return SHA256.matcher(sha).matches() ? "sha256=" + sha : "unhashed";
    }

    private static String metadataOf(String attribute) {
        if (attribute == null || attribute.equalsIgnoreCase("false")) {
            return "none";
        }
        String lower = attribute.toLowerCase(Locale.ROOT);
        return lower.startsWith("sha256=") && SHA256.matcher(lower.substring(7)).matches() ? lower : "unhashed";
    }

    private static JsonNode firstPresent(JsonNode node, String... keys) {
        for (String key : keys) {
            if (node.has(key)) {
                return node.get(key);
            }
        }
        return null;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The absolute http(s) URL of a file, without its fragment; null for anything else ({@code file:}, garbage). */
    private static String fileUrl(URI pageUrl, String url) {
        try {
            URI resolved = pageUrl.resolve(url.strip());
            String scheme = resolved.getScheme();
            if (resolved.getHost() == null || scheme == null
                    || !scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
                return null;
            }
            return resolved.toString().replaceAll("#.*$", "");
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    /**
     * Whether a filename is a distribution of this project. A page that lists another project's filename is left
     * without it: files are cached by filename, so it would otherwise stand in for that project's file.
     */
    private static boolean isDistributionOf(String project, String filename) {
        try {
            return DistributionFilename.parse(filename, ProjectName.of(project)).normalizedName().equals(ProjectName.normalize(project));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
