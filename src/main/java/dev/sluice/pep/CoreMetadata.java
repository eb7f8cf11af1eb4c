package dev.sluice.pep;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Core metadata (METADATA in a wheel, PKG-INFO in an sdist), Metadata-Version 1.0 to 2.4: email-style
 * headers, repeated fields such as {@code Classifier} and {@code Requires-Dist}, folded lines, and the long
 * description either in a {@code Description} field or as the message body.
 *
 * <p>Headers are read as Python's {@code email} package reads them (the compat32 policy that pip, twine and
 * Warehouse rely on): a folded value keeps its line breaks, the first line that is neither a header nor a
 * continuation ends the headers, and field names match case-insensitively. The bytes must be UTF-8.
 */
public final class CoreMetadata {
    /** Metadata versions Sluice understands. */
    public static final Set<String> KNOWN_VERSIONS = Set.of("1.0", "1.1", "1.2", "2.1", "2.2", "2.3", "2.4");

    private static final Pattern HEADER_LINE = Pattern.compile("^(From |[\\x21-\\x39\\x3B-\\x7E]*:|[\\t ])");
    private static final Pattern LINE_BREAK = Pattern.compile("(?<=\r\n|\r(?!\n)|\n)");

    private final List<Map.Entry<String, String>> headers;
    private final String body;

    private CoreMetadata(List<Map.Entry<String, String>> headers, String body) {
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    /**
     * Parses metadata bytes.
     *
     * @throws InvalidMetadataException when the bytes are not UTF-8
     */
    public static CoreMetadata parse(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return parse(text);
        } catch (CharacterCodingException e) {
            throw new InvalidMetadataException("core metadata is not valid UTF-8 (" + e.getMessage() + ")");
        }
    }

    /** Parses metadata text. Never fails: what is not a header ends up in the body, as in Python. */
    public static CoreMetadata parse(String text) {
        String[] lines = LINE_BREAK.split(text, -1);
        // First the block of lines that look like headers or continuations; a blank line ends it and is dropped.
        int bodyStart = 0;
        while (bodyStart < lines.length && !lines[bodyStart].isEmpty()) {
            String line = lines[bodyStart];
            if (!HEADER_LINE.matcher(line).find()) {
                if (line.charAt(0) == '\r' || line.charAt(0) == '\n') {
                    bodyStart++;
                }
                break;
            }
            bodyStart++;
        }
        int headerEnd = lines.length > 0 && bodyStart > 0 && isBlank(lines[bodyStart - 1]) ? bodyStart - 1 : bodyStart;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String name = null;
        StringBuilder value = null;
        String pushedBack = "";
        for (int i = 0; i < headerEnd; i++) {
            String line = lines[i];
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (name != null) {
                    value.append(line);
                }
                continue;
            }
            if (name != null) {
                headers.add(Map.entry(name, stripLineEnd(value.toString())));
                name = null;
            }
            if (line.startsWith("From ")) {
                if (i > 0 && i == headerEnd - 1) {
                    // A "From " line closing the headers is the body's first line.
                    pushedBack = line;
                    break;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                name = line.substring(0, colon);
                value = new StringBuilder(stripLeadingBlanks(line.substring(colon + 1)));
            }
        }
        if (name != null) {
            headers.add(Map.entry(name, stripLineEnd(value.toString())));
        }
        StringBuilder body = new StringBuilder(pushedBack);
        for (int i = bodyStart; i < lines.length; i++) {
            body.append(lines[i]);
        }
        return new CoreMetadata(headers, body.toString());
    }

    private static boolean isBlank(String line) {
        return !line.isEmpty() && (line.charAt(0) == '\r' || line.charAt(0) == '\n');
    }

    private static String stripLeadingBlanks(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return s.substring(i);
    }

    private static String stripLineEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** The first value of a field (case-insensitive name), or null. */
    public String get(String field) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(field)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** Every value of a repeatable field, in order. */
    public List<String> getAll(String field) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(field)) {
                values.add(h.getValue());
            }
        }
        return values;
    }

    /** All header fields in order, names as written. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    public String metadataVersion() {
        return get("Metadata-Version");
    }

    public String name() {
        return get("Name");
    }

    public String version() {
        return get("Version");
    }

    public String summary() {
        return get("Summary");
    }

    public String requiresPython() {
        return get("Requires-Python");
    }

    public List<String> requiresDist() {
        return getAll("Requires-Dist");
    }

    public List<String> providesExtra() {
        return getAll("Provides-Extra");
    }

    public List<String> classifiers() {
        return getAll("Classifier");
    }

    public String licenseExpression() {
        return get("License-Expression");
    }

    public List<String> licenseFiles() {
        return getAll("License-File");
    }

    /** Fields the backend left to be computed at build time (Metadata 2.2, PEP 643). */
    public List<String> dynamic() {
        return getAll("Dynamic").stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * The long description: the message body when there is one (Metadata 2.1+), else the
     * {@code Description} field with its continuation-line prefixes ({@code "        |"} or 8 spaces)
     * removed, as setuptools folded it.
     */
    public String description() {
        if (!body.isEmpty()) {
            return body;
        }
        String field = get("Description");
        if (field == null) {
            return null;
        }
        String[] lines = field.split("\r\n|\r|\n", -1);
        StringBuilder sb = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("        |")) {
                line = line.substring(9);
            } else if (line.startsWith("       |")) {
                line = line.substring(8);
            } else if (line.startsWith("        ")) {
                line = line.substring(8);
            }
            sb.append('\n').append(line);
        }
        return sb.toString();
    }

    public String descriptionContentType() {
        return get("Description-Content-Type");
    }

    /** The message body (text after the blank line), possibly empty. */
    public String body() {
        return body;
    }
}
