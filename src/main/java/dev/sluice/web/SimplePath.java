package dev.sluice.web;

/**
 * A simple-API path, read once: {@code [/snapshot/<time>](/simple|/indexes/<route>/simple)} followed by nothing,
 * {@code /}, {@code /<project>}, {@code /<project>/} or {@code /<project>/<file>}. Whether the route, the time, the
 * project or the file exist is for the handlers to say.
 *
 * @param snapshot the time segment of a snapshot path as sent (still encoded), or null
 * @param route the route's own path, {@code /simple/} or {@code /indexes/<name>/simple/}
 * @param rest what follows the route's path ({@code ""}, {@code "<project>"}, {@code "<project>/<file>"}, ...), or null
 *     when the path ends at {@code simple} without its slash
 */
record SimplePath(String snapshot, String route, String rest) {
    /** The path as read, or null when it does not have a simple-API path's shape. */
    static SimplePath parse(String path) {
        String[] segments = path.split("/", -1);
        int at = 1;
        String snapshot = null;
        if (segments.length > 2 && segments[1].equals("snapshot") && !segments[2].isEmpty()) {
            snapshot = segments[2];
            at = 3;
        }
        String route = "/simple/";
        if (at < segments.length && segments[at].equals("indexes")) {
            if (at + 2 >= segments.length || segments[at + 1].isEmpty()) {
                return null;
            }
            route = "/indexes/" + segments[at + 1] + "/simple/";
            at += 2;
        }
        if (at >= segments.length || !segments[at].equals("simple")) {
            return null;
        }
        int tail = segments.length - at - 1; // the segments after "simple"
        boolean shaped = switch (tail) {
            case 0, 1 -> true; // "/simple", "/simple/" or "/simple/<project>"
            case 2 -> !segments[at + 1].isEmpty(); // "/<project>/" or "/<project>/<file>"
            default -> false;
        };
        if (!shaped) {
            return null;
        }
        String prefix = snapshot == null ? "" : "/snapshot/" + snapshot;
        return new SimplePath(snapshot, route, tail == 0 ? null : path.substring(prefix.length() + route.length()));
    }

    /** {@code /snapshot/<time>} for a snapshot path, else empty. */
    String prefix() {
        return snapshot == null ? "" : "/snapshot/" + snapshot;
    }

    /** The base every URL under this route and time starts with. */
    String base() {
        return prefix() + route;
    }
}
