package dev.sluice.access;

import dev.sluice.pep.ProjectName;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a credential may do: {@code read} (any route) or {@code read:route=NAME}, {@code upload} (any project its
 * account may upload to) or {@code upload:project=NAME} (in any spelling), and {@code admin} (everything; for
 * admin accounts only). Upload does not imply read: a publishing token cannot download.
 */
public record Scope(Action action, String route, String project) {
    public enum Action { READ, UPLOAD, ADMIN }

    public static final Scope ADMIN = new Scope(Action.ADMIN, null, null);
    public static final Scope READ = new Scope(Action.READ, null, null);
    public static final Scope UPLOAD = new Scope(Action.UPLOAD, null, null);

    /** @throws IllegalArgumentException saying what a scope looks like */
    public static Scope parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        String[] parts = t.split(":", 2);
        Action action = switch (parts[0]) {
            case "read" -> Action.READ;
            case "upload" -> Action.UPLOAD;
            case "admin" -> Action.ADMIN;
            default -> throw invalid(text);
        };
        if (parts.length == 1) {
            return new Scope(action, null, null);
        }
        if (action == Action.READ && parts[1].startsWith("route=") && parts[1].length() > 6
                && parts[1].substring(6).matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            return new Scope(action, parts[1].substring(6), null);
        }
        if (action == Action.UPLOAD && parts[1].startsWith("project=") && ProjectName.isValid(parts[1].substring(8))) {
            return new Scope(action, null, ProjectName.normalize(parts[1].substring(8)));
        }
        throw invalid(text);
    }

    /** Scopes written with spaces or commas between them. */
    public static List<Scope> parseAll(String text) {
        return Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isEmpty()).map(Scope::parse).toList();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a scope: read, read:route=NAME, upload,"
                + " upload:project=NAME or admin");
    }

    boolean allowsRead(String routeName) {
        return action == Action.ADMIN || action == Action.READ && (route == null || route.equals(routeName));
    }

    boolean allowsUpload(ProjectName name) {
        return action == Action.ADMIN || action == Action.UPLOAD && (project == null || project.equals(name.value()));
    }

    @Override
    public String toString() {
        String a = action.name().toLowerCase(Locale.ROOT);
        return route != null ? a + ":route=" + route : project != null ? a + ":project=" + project : a;
    }
}
