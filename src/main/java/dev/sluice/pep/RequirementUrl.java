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
            if (netloc.contains("[")) {
                checkBracketedNetloc(netloc);
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

    /**
     * As urllib (CPython 3.12, and Debian's 3.11) checks a location with a bracket: after any user info the bracket
     * must open the host, only a port may follow it, and what it holds (or, with the bracket in the user info, the host
     * itself) must be an IP literal.
     */
    private static void checkBracketedNetloc(String netloc) {
        String hostAndPort = netloc.substring(netloc.lastIndexOf('@') + 1);
        int open = hostAndPort.indexOf('[');
        String host;
        if (open > 0) {
            throw new IllegalArgumentException("Invalid IPv6 URL");
        } else if (open == 0) {
            String bracketed = hostAndPort.substring(1);
            int close = bracketed.indexOf(']');
            String port = close < 0 ? "" : bracketed.substring(close + 1);
            if (!port.isEmpty() && !port.startsWith(":")) {
                throw new IllegalArgumentException("Invalid IPv6 URL");
            }
            host = close < 0 ? bracketed : bracketed.substring(0, close);
        } else {
            int colon = hostAndPort.indexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        }
        checkBracketedHost(host);
    }

    /** What urllib accepts between brackets: an IPv6 address (with an optional zone) or an IPvFuture literal. */
    private static void checkBracketedHost(String host) {
        if (host.startsWith("v")) {
            if (!host.matches("v[a-fA-F0-9]+\\..+")) {
                throw new IllegalArgumentException("IPvFuture address is invalid");
            }
            return;
        }
        if (isIpv4(host)) {
            throw new IllegalArgumentException("An IPv4 address cannot be in brackets");
        }
        int percent = host.indexOf('%');
        String address = percent < 0 ? host : host.substring(0, percent);
        if (percent >= 0 && (percent == host.length() - 1 || host.indexOf('%', percent + 1) >= 0) || !isIpv6(address)) {
            throw new IllegalArgumentException("'" + host + "' does not appear to be an IPv4 or IPv6 address");
        }
    }

    /** Python's ipaddress rules: four decimal octets, none above 255, no leading zeros. */
    private static boolean isIpv4(String s) {
        String[] octets = s.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
                    || octet.length() > 1 && octet.charAt(0) == '0' || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Python's ipaddress rules for IPv6: eight hextets, at most one "::", an IPv4 tail counting as two. */
    private static boolean isIpv6(String s) {
        java.util.List<String> parts = new java.util.ArrayList<>(java.util.Arrays.asList(s.split(":", -1)));
        if (s.isEmpty() || parts.size() < 3) {
            return false;
        }
        if (parts.getLast().contains(".")) {
            if (!isIpv4(parts.removeLast())) {
                return false;
            }
            parts.add("0");
            parts.add("0");
        }
        if (parts.size() > 9) {
            return false;
        }
        int skip = -1;
        for (int i = 1; i < parts.size() - 1; i++) {
            if (parts.get(i).isEmpty()) {
                if (skip >= 0) {
                    return false;
                }
                skip = i;
            }
        }
        int hi;
        int lo;
        if (skip >= 0) {
            hi = skip;
            lo = parts.size() - skip - 1;
            if (parts.getFirst().isEmpty() && --hi != 0 || parts.getLast().isEmpty() && --lo != 0 || 8 - (hi + lo) < 1) {
                return false;
            }
        } else {
            if (parts.size() != 8 || parts.getFirst().isEmpty() || parts.getLast().isEmpty()) {
                return false;
            }
            hi = parts.size();
            lo = 0;
        }
        for (int i = 0; i < parts.size(); i++) {
            if ((i < hi || i >= parts.size() - lo) && !parts.get(i).matches("[0-9a-fA-F]{1,4}")) {
                return false;
            }
        }
        return true;
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
