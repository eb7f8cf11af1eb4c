package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;

/** Reading JSON request bodies and answering JSON, for every JSON endpoint. */
public final class JsonBodies {
    private static final int MAX_BODY = 64 * 1024;
    /** Bodies here are a handful of flat fields: anything deeper or longer is refused while parsing. */
    public static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNestingDepth(32)
                    .maxNumberLength(64).maxStringLength(MAX_BODY).build()).build());

    private JsonBodies() {}

    /** The body as a JSON object ({} when empty). @throws BadRequest when it is not one */
    public static JsonNode object(Context ctx) {
        String body = ctx.body();
        if (body.length() > MAX_BODY) {
            throw new BadRequest("the body is larger than " + MAX_BODY + " bytes");
        }
        if (body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new BadRequest("the body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new BadRequest("the body is nested more than 32 deep or holds a number of more than 64 digits");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Not the parser's message: it quotes the body, which may hold a password.
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new BadRequest("the body is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")"));
        }
    }

    /** A string field, or null when absent. @throws BadRequest when it is there and not a string */
    public static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequest("'" + field + "' must be a string");
        }
        return value.asText();
    }

    /** Writes one line of a streamed NDJSON answer (progress, then a report) and sends it at once. */
    public static void line(java.io.OutputStream out, JsonNode json) {
        try {
            out.write((json.toString() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A {@code since} parameter: {@code 30d} (that long ago), an RFC 3339 time or a date; the beginning when absent. */
    public static java.time.Instant since(String text, java.time.Instant now) {
        if (text == null || text.isBlank()) {
            return java.time.Instant.EPOCH;
        }
        java.time.Instant time = Timestamps.parse(text.strip());
        if (time != null) {
            return time;
        }
        try {
            return now.minus(dev.sluice.util.Durations.parse(text.strip()));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("'since' is neither a duration such as 30d nor an RFC 3339 time: '" + text + "'");
        }
    }

    /** A {@code limit} parameter: {@code otherwise} when absent, else a number from 1 to {@code max}. */
    public static int limit(String text, int otherwise, int max) {
        if (text == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("'limit' must be a number from 1 to " + max);
    }

    public static ObjectNode newObject() {
        return JSON.createObjectNode();
    }

    public static void send(Context ctx, int status, JsonNode body) throws IOException {
        ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
    }

    /** A request whose body or parameters cannot be used: 400 with the reason. */
    public static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
