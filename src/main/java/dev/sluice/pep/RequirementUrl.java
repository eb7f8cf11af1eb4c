package dev.sluice.pep;

import java.util.Locale;
import java.util.Set;

/**
 * Which URLs a PEP 508 {@code name @ url} requirement accepts, decided as packaging does with Python's
 * urllib: a {@code file:} URL must come back unchanged from {@code urlunparse(urlparse(url))} (so
 * {@code file:/x} or a dangling {@code ?} are refused), any other URL needs both a scheme and a host.
 */
final class RequirementUrl {
    private static final String SCHEME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.";
    private static final Set<String> USES_NETLOC = Set.of("", "ftp", "http", "gopher", "nntp", "telnet", "imap",
            "wais", "file", "mms", "https", "shttp", "snews", "prospero", "rtsp", "rtspu", "rsync", "svn",
            "svn+ssh", "sftp", "nfs", "git", "git+ssh", "ws", "wss");

    private record Parts(String scheme, String netloc, String path, String query, String fragment) {}

    private RequirementUrl() {}

    /** Null when the URL is acceptable, else the reason packaging gives. */
    static String problem(String url) {
        Parts parts;
        try {
            parts = split(url);
        } catch (IllegalArgumentException e) {
            return "Invalid URL: " + url + " (" + e.getMessage() + ")";
        }
        if (parts.scheme().equals("file")) {
            return unsplit(parts).equals(url) ? null : "Invalid URL given";
        }
        return parts.scheme().isEmpty() || parts.netloc().isEmpty() ? "Invalid URL: " + url : null;
    }

    /** urllib.parse.urlsplit (and urlparse, whose parameter split does not apply to file URLs). */
    private static Parts split(String url) {
        String scheme = "";
        String rest = url;
        int colon = rest.indexOf(':');
        if (colon > 0 && isAsciiLetter(rest.charAt(0)) && allSchemeChars(rest.substring(0, colon))) {
            scheme = rest.substring(0, colon).toLowerCase(Locale.ROOT);
            rest = rest.substring(colon + 1);
        }
        String netloc = "";
        if (rest.startsWith("//")) {
            int end = rest.length();
            for (char delimiter : new char[] {'/', '?', '#'}) {
                int at = rest.indexOf(delimiter, 2);
                if (at >= 0) {
                    end = Math.min(end, at);
                }
            }
            netloc = rest.substring(2, end);
            rest = rest.substring(end);
            if (netloc.contains("[") != netloc.contains("]")) {
                throw new IllegalArgumentException("Invalid IPv6 URL");
            }
        }
        String fragment = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        return new Parts(scheme, netloc, rest, query, fragment);
    }

    private static String unsplit(Parts p) {
        String url = p.path();
        if (!p.netloc().isEmpty() || (!p.scheme().isEmpty() && USES_NETLOC.contains(p.scheme()) && !url.startsWith("//"))) {
            if (!url.isEmpty() && !url.startsWith("/")) {
                url = "/" + url;
            }
            url = "//" + p.netloc() + url;
        }
        if (!p.scheme().isEmpty()) {
            url = p.scheme() + ":" + url;
        }
        if (!p.query().isEmpty()) {
            url = url + "?" + p.query();
        }
        if (!p.fragment().isEmpty()) {
            url = url + "#" + p.fragment();
        }
        return url;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean allSchemeChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (SCHEME_CHARS.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
