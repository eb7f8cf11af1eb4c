package dev.sluice.vulnerabilities;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.pep.InvalidVersionException;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads one OSV record (JSON, or YAML as the PyPA advisory database keeps them) into an {@link OsvRecord}. Unknown
 * fields are ignored. A record that cannot be matched safely is refused with the reason ({@link MalformedRecord}); a
 * part of it that is ignored is reported as a warning. An ECOSYSTEM event whose version is no PEP 440 version is
 * dropped: a {@code fixed} that cannot be compared cannot end the range, so the versions after it count as affected
 * (fail closed; the warning says so).
 */
final class OsvRecordParser {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = yamlMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final String PYPI = "PyPI";

    private OsvRecordParser() {}

    private static ObjectMapper yamlMapper() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20); // a "billion laughs" record stops here
        options.setCodePointLimit(OsvImport.MAX_RECORD_BYTES);
        return new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
    }

    /** @param yaml whether the bytes are YAML (else JSON) */
    static OsvRecord parse(byte[] bytes, boolean yaml, Consumer<String> warnings) throws MalformedRecord {
        JsonNode root;
        try {
            root = (yaml ? YAML : JSON).readTree(bytes);
        } catch (JacksonException e) {
            throw new MalformedRecord("not " + (yaml ? "YAML" : "JSON") + ": " + firstLine(e.getOriginalMessage()));
        } catch (java.io.IOException | RuntimeException e) {
            throw new MalformedRecord("not " + (yaml ? "YAML" : "JSON") + ": " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRecord("not an OSV record: the document is not an object");
        }
        String json = yaml ? root.toString() : new String(bytes, StandardCharsets.UTF_8);
        return read(root, json, warnings);
    }

    static OsvRecord read(JsonNode root, String json, Consumer<String> warnings) throws MalformedRecord {
        String id = text(root, "id");
        if (id == null || !ID.matcher(id).matches()) {
            throw new MalformedRecord(id == null ? "no 'id'" : "'id' is not an advisory id: '" + clip(id) + "'");
        }
        Instant modified = time(root, "modified", true);
        Instant published = time(root, "published", false);
        Instant withdrawn = time(root, "withdrawn", false);
        List<AffectedPackage> affected = new ArrayList<>();
        JsonNode list = root.get("affected");
        if (list == null || !list.isArray() || list.isEmpty()) {
            if (withdrawn == null) {
                throw new MalformedRecord("no 'affected' list: it names no package");
            }
        } else {
            int index = 0;
            for (JsonNode entry : list) {
                index++;
                AffectedPackage pkg = affectedPackage(entry, "affected[" + index + "]", warnings);
                if (pkg != null) {
                    affected.add(pkg);
                }
            }
            if (affected.isEmpty() && withdrawn == null) {
                throw new MalformedRecord("no PyPI package among 'affected'");
            }
        }
        return new OsvRecord(id, modified, published, withdrawn, strings(root.get("aliases")), text(root, "summary"),
                text(root, "details"), severity(root), List.copyOf(affected), json);
    }

    private static AffectedPackage affectedPackage(JsonNode entry, String where, Consumer<String> warnings)
            throws MalformedRecord {
        JsonNode pkg = entry.get("package");
        if (pkg == null || !pkg.isObject()) {
            throw new MalformedRecord(where + " has no 'package'");
        }
        if (!PYPI.equals(text(pkg, "ecosystem"))) {
            return null; // another ecosystem's part of the advisory
        }
        String name = text(pkg, "name");
        if (name == null || !ProjectName.isValid(name)) {
            throw new MalformedRecord(where + ".package.name is not a project name: '" + clip(String.valueOf(name)) + "'");
        }
        Set<Version> versions = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (String v : strings(entry.get("versions"))) {
            if (Version.isValid(v)) {
                versions.add(Version.parse(v));
            } else {
                others.add(v);
            }
        }
        List<VersionRange> ranges = new ArrayList<>();
        JsonNode rangeList = entry.get("ranges");
        int index = 0;
        for (JsonNode range : rangeList == null || !rangeList.isArray() ? List.<JsonNode>of() : rangeList) {
            index++;
            if ("ECOSYSTEM".equals(text(range, "type"))) {
                ranges.add(range(range, where + ".ranges[" + index + "]", warnings));
            }
        }
        if (versions.isEmpty() && others.isEmpty() && ranges.isEmpty()) {
            warnings.accept(where + " (" + name + ") lists no version and no ECOSYSTEM range: it matches nothing");
        }
        return AffectedPackage.of(ProjectName.of(name), Set.copyOf(versions), Set.copyOf(others), List.copyOf(ranges),
                fileHashes(entry));
    }

    /** The sha256 of files a malicious-package record lists ({@code database_specific.indicators.package_integrity}). */
    private static Set<String> fileHashes(JsonNode entry) {
        JsonNode listed = entry.path("database_specific").path("indicators").path("package_integrity");
        Set<String> hashes = new LinkedHashSet<>();
        for (JsonNode file : listed.isArray() ? listed : List.<JsonNode>of()) {
            String sha256 = text(file.path("hashes"), "sha256");
            if (sha256 != null && sha256.matches("[0-9a-fA-F]{64}")) {
                hashes.add(sha256.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return Set.copyOf(hashes);
    }

    private static VersionRange range(JsonNode range, String where, Consumer<String> warnings) throws MalformedRecord {
        JsonNode events = range.get("events");
        if (events == null || !events.isArray() || events.isEmpty()) {
            throw new MalformedRecord(where + " has no 'events'");
        }
        List<VersionRange.Event> kept = new ArrayList<>();
        List<Version> limits = new ArrayList<>();
        boolean unlimited = false;
        for (JsonNode event : events) {
            if (!event.isObject() || event.size() != 1) {
                throw new MalformedRecord(where + ": an event must have exactly one of introduced, fixed, last_affected, limit");
            }
            String kind = event.fieldNames().next();
            String value = event.get(kind).isTextual() ? event.get(kind).asText() : null;
            if (value == null) {
                throw new MalformedRecord(where + ": '" + kind + "' is not a string");
            }
            if (kind.equals("introduced") && value.equals("0")) {
                kept.add(new VersionRange.Event(VersionRange.Kind.INTRODUCED, null));
                continue;
            }
            if (kind.equals("limit") && value.equals("*")) {
                unlimited = true;
                continue;
            }
            Version version;
            try {
                version = Version.parse(value);
            } catch (InvalidVersionException e) {
                warnings.accept(where + ": '" + kind + ": " + clip(value) + "' is not a PEP 440 version; the event is"
                        + " ignored" + (kind.equals("fixed") || kind.equals("last_affected")
                                ? " (the versions after it count as affected)" : ""));
                continue;
            }
            switch (kind) {
                case "introduced" -> kept.add(new VersionRange.Event(VersionRange.Kind.INTRODUCED, version));
                case "fixed" -> kept.add(new VersionRange.Event(VersionRange.Kind.FIXED, version));
                case "last_affected" -> kept.add(new VersionRange.Event(VersionRange.Kind.LAST_AFFECTED, version));
                case "limit" -> limits.add(version);
                default -> throw new MalformedRecord(where + ": unknown event '" + clip(kind) + "'");
            }
        }
        return VersionRange.of(kept, limits, unlimited);
    }

    /** The worst band any CVSS vector of the record (or of its PyPI packages) gives; else the database's word. */
    private static Severity severity(JsonNode root) {
        List<JsonNode> lists = new ArrayList<>();
        lists.add(root.get("severity"));
        JsonNode affected = root.get("affected");
        if (affected != null && affected.isArray()) {
            affected.forEach(a -> lists.add(a.get("severity")));
        }
        Double worst = null;
        for (JsonNode list : lists) {
            if (list == null || !list.isArray()) {
                continue;
            }
            for (JsonNode s : list) {
                Double score = Severity.baseScore(text(s, "score"));
                if (score != null && (worst == null || score > worst)) {
                    worst = score;
                }
            }
        }
        if (worst != null) {
            return new Severity(Severity.Band.ofScore(worst), worst);
        }
        JsonNode specific = root.get("database_specific");
        Severity.Band word = specific == null ? null : Severity.Band.ofWord(text(specific, "severity"));
        return word == null ? Severity.UNKNOWN : new Severity(word, null);
    }

    private static Instant time(JsonNode node, String field, boolean required) throws MalformedRecord {
        String text = text(node, field);
        if (text == null) {
            if (required) {
                throw new MalformedRecord("no '" + field + "' time");
            }
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedRecord("'" + field + "' is not an RFC 3339 time: '" + clip(text) + "'");
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(v -> {
                if (v.isTextual()) {
                    out.add(v.asText());
                }
            });
        }
        return List.copyOf(out);
    }

    private static String clip(String s) {
        String oneLine = s.replaceAll("[\\r\\n\\t]", " ");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : clip(message.lines().findFirst().orElse(message));
    }
}
