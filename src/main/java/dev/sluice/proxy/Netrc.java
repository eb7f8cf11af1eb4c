package dev.sluice.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Credentials from a netrc file, as pip and curl read it: the {@code machine} entry for a host, else the
 * {@code default} entry. Tokens are whitespace-separated; {@code macdef} bodies are skipped.
 */
public final class Netrc {
    /** A login and password for a host. */
    public record Login(String login, String password) {}

    private Netrc() {}

    public static Optional<Login> lookup(Path file, String host) throws IOException {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String[] tokens = Files.readString(file, StandardCharsets.UTF_8).strip().split("\\s+");
        Login fallback = null;
        for (int i = 0; i < tokens.length; i++) {
            boolean machine = tokens[i].equals("machine");
            if (!machine && !tokens[i].equals("default")) {
                continue;
            }
            String name = machine && i + 1 < tokens.length ? tokens[++i] : null;
            String login = null;
            String password = null;
            while (i + 1 < tokens.length && !tokens[i + 1].equals("machine") && !tokens[i + 1].equals("default")) {
                String key = tokens[++i];
                String value = i + 1 < tokens.length ? tokens[++i] : "";
                switch (key) {
                    case "login" -> login = value;
                    case "password" -> password = value;
                    default -> { }
                }
            }
            Login entry = new Login(login == null ? "" : login, password == null ? "" : password);
            if (machine && host.equalsIgnoreCase(name)) {
                return Optional.of(entry);
            }
            if (!machine) {
                fallback = entry;
            }
        }
        return Optional.ofNullable(fallback);
    }

    /** The netrc pip would read: $NETRC, else ~/.netrc. */
    public static Path defaultFile() {
        String env = System.getenv("NETRC");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".netrc");
    }
}
