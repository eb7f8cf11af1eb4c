package dev.sluice.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client as its User-Agent tells it. pip and uv embed JSON after their name and version (installer,
 * Python, OS, CPU, whether on CI); twine, poetry, pdm and others give {@code name/version} and often
 * {@code CPython/3.x}; browsers say Mozilla. Unknown agents are {@code other}. Nothing here is trusted for
 * decisions: a client can send any User-Agent.
 */
public record ClientInfo(String installer, String installerVersion, String python, String os, String cpu, Boolean ci) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_AGENT = 2_000;
    private static final Pattern NAME_VERSION = Pattern.compile("^([A-Za-z][A-Za-z0-9_.-]{0,31})/([^\\s/]{1,64})");
    private static final Pattern PYTHON = Pattern.compile("\\b(?:CPython|PyPy|python|Python)/([0-9][0-9a-z.+]{0,31})");
    public static final ClientInfo UNKNOWN = new ClientInfo("other", null, null, null, null, null);

    public static ClientInfo parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank() || userAgent.length() > MAX_AGENT) {
            return UNKNOWN;
        }
        if (userAgent.startsWith("Mozilla/")) {
            return new ClientInfo("browser", null, null, null, null, null);
        }
        Matcher m = NAME_VERSION.matcher(userAgent);
        if (!m.find()) {
            return UNKNOWN;
        }
        String name = m.group(1).toLowerCase(java.util.Locale.ROOT);
        String version = m.group(2);
        int brace = userAgent.indexOf('{');
        if ((name.equals("pip") || name.equals("uv")) && brace > 0) {
            ClientInfo embedded = embedded(name, version, userAgent.substring(brace));
            if (embedded != null) {
                return embedded;
            }
        }
        Matcher python = PYTHON.matcher(userAgent);
        return new ClientInfo(known(name), version, python.find() ? python.group(1) : null, null, null, null);
    }

    private static String known(String name) {
        return switch (name) {
            case "pip", "uv", "poetry", "pdm", "twine", "pipenv", "hatch", "curl", "wget", "python-requests" -> name;
            default -> name.startsWith("python-") ? name : "other:" + name;
        };
    }

    /** pip's and uv's JSON: {"installer": {"name", "version"}, "python", "system": {"name"}, "cpu", "ci"}. */
    private static ClientInfo embedded(String name, String version, String json) {
        try {
            JsonNode data = JSON.readTree(json);
            if (data == null || !data.isObject()) {
                return null;
            }
            String installerVersion = text(data.path("installer").path("version"));
            String python = text(data.path("python"));
            if (python == null) {
                python = text(data.path("implementation").path("version"));
            }
            String os = text(data.path("system").path("name"));
            String cpu = text(data.path("cpu"));
            Boolean ci = data.path("ci").isBoolean() ? data.path("ci").asBoolean() : Boolean.FALSE;
            return new ClientInfo(name, installerVersion != null ? installerVersion : version, python, os, cpu, ci);
        } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        String s = node.asText();
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
