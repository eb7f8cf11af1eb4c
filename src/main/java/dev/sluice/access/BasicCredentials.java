package dev.sluice.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The user and secret of an {@code Authorization} header: Basic (user:password, or {@code __token__}:token)
 * or Bearer (a token). Anything malformed, oversized or holding control characters is refused before any
 * lookup, so that it cannot reach a log line or a query.
 */
public record BasicCredentials(String user, String secret) {
    public static final String TOKEN_USER = "__token__";
    /** Far above any real password or token; a longer header is an attack or a mistake. */
    static final int MAX_HEADER = 1024;

    /** @return null when the header is absent; a record with a null secret when it is malformed */
    public static BasicCredentials parse(String header) {
        if (header == null) {
            return null;
        }
        if (header.length() > MAX_HEADER) {
            return new BasicCredentials(null, null);
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).strip();
            return new BasicCredentials(TOKEN_USER, clean(token) ? token : null);
        }
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new BasicCredentials(null, null);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return new BasicCredentials(null, null);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !clean(decoded)) {
            return new BasicCredentials(null, null);
        }
        return new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** The header pip would send for this user and password. */
    static String header(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean clean(String text) {
        return !text.isEmpty() && text.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
    }

    public boolean isToken() {
        return TOKEN_USER.equals(user);
    }

    /** A user name fit for the security log: an account name's shape, else null. */
    public String loggableUser() {
        return user != null && !isToken() && user.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") ? user.toLowerCase(java.util.Locale.ROOT) : null;
    }
}
