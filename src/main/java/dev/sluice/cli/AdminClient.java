package dev.sluice.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options and HTTP calls shared by commands that administer a running server through its admin API:
 * where the server is, and the admin token (from {@code --token-file}, else {@code $SLUICE_ADMIN_TOKEN}, else
 * the file a local server created in {@code sluice-data/admin-token}).
 */
final class AdminClient {
    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:SLUICE_SERVER:-http://127.0.0.1:8080}",
            description = "The Sluice server to administer (default: $SLUICE_SERVER, else http://127.0.0.1:8080).")
    String server;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the token (default: $SLUICE_TOKEN, else the file $SLUICE_TOKEN_FILE names, else"
                    + " $SLUICE_ADMIN_TOKEN, else sluice-data/admin-token).")
    Path tokenFile;

    /** Sends a request to the admin API; returns the response body, or fails with the server's explanation. */
    String send(String method, String path) throws IOException, InterruptedException {
        return send(method, path, null);
    }

    /** As {@link #send(String, String)}, with a JSON body (null for none). */
    String send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        return exchange(method, path, json == null ? null : "application/json", body, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a file as the body and hands over the answer line by line, as the server writes them (progress). */
    void sendFile(String path, Path file, String contentType, java.util.function.Consumer<String> lines)
            throws IOException, InterruptedException {
        java.util.stream.Stream<String> answer = exchange("POST", path, contentType,
                file == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofFile(file),
                HttpResponse.BodyHandlers.ofLines());
        try (answer) {
            answer.forEach(lines);
        }
    }

    /**
     * Posts a JSON body and saves the answer in a file (a bundle); returns the answer's headers.
     *
     * @param started told the headers (of a successful answer) before the body arrives: to show progress
     */
    java.net.http.HttpHeaders download(String path, String json, Path file,
            java.util.function.Consumer<java.net.http.HttpHeaders> started) throws IOException, InterruptedException {
        java.net.http.HttpHeaders[] headers = new java.net.http.HttpHeaders[1];
        exchange("POST", path, "application/json", HttpRequest.BodyPublishers.ofString(json), info -> {
            headers[0] = info.headers();
            if (info.statusCode() < 300) {
                started.accept(info.headers());
            }
            return HttpResponse.BodyHandlers.ofFile(file).apply(info);
        });
        return headers[0];
    }

    /**
     * Sends a file (or nothing) to an endpoint that answers with progress lines, then one last line holding
     * {@code "report"} or {@code "error"}: shows each progress line on a terminal as {@code progress} words it, and
     * returns the report.
     *
     * @throws IOException with the server's error, or when it sent no report
     */
    com.fasterxml.jackson.databind.JsonNode sendForReport(String path, Path file, String contentType, java.io.PrintWriter err,
            java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, String> progress)
            throws IOException, InterruptedException {
        boolean terminal = System.console() != null;
        com.fasterxml.jackson.databind.JsonNode[] last = new com.fasterxml.jackson.databind.JsonNode[1];
        sendFile(path, file, contentType, line -> {
            com.fasterxml.jackson.databind.JsonNode json = VulnerabilitiesCommand.read(line);
            com.fasterxml.jackson.databind.JsonNode step = json.get("progress");
            if (step == null) {
                last[0] = json;
            } else if (terminal) {
                err.print("\r" + progress.apply(step));
                err.flush();
            }
        });
        if (terminal) {
            err.println();
        }
        if (last[0] == null) {
            throw new IOException("the server sent no report");
        }
        if (!last[0].has("report")) {
            throw new IOException(last[0].has("error") ? last[0].get("error").asText() : last[0].toString());
        }
        return last[0].get("report");
    }

    private <T> T exchange(String method, String path, String contentType, HttpRequest.BodyPublisher body,
            HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(server.replaceAll("/+$", "") + path))
                    .header("Authorization", "Bearer " + token());
        } catch (IllegalArgumentException e) {
            throw new IOException("'" + server + "' is not a server URL such as http://127.0.0.1:8080: " + e.getMessage(), e);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        HttpResponse<T> response;
        try (HttpClient client = HttpClient.newHttpClient()) {
            response = client.send(builder.method(method, body).build(), handler);
        } catch (IOException e) {
            throw new IOException("cannot reach " + server + ": " + cause(e), e);
        } catch (IllegalArgumentException e) {
            throw new IOException("'" + server + "' is not a server URL such as http://127.0.0.1:8080: " + e.getMessage(), e);
        }
        if (response.statusCode() >= 300) {
            Object text = response.body();
            String said = switch (text) {
                case java.util.stream.Stream<?> stream -> stream.map(String::valueOf).collect(java.util.stream.Collectors.joining("\n"));
                case Path saved -> {
                    String answer = new String(Files.readAllBytes(saved), StandardCharsets.UTF_8);
                    Files.deleteIfExists(saved);
                    yield answer;
                }
                default -> String.valueOf(text);
            };
            throw new IOException("the server answered " + response.statusCode() + ": " + said.strip());
        }
        return response.body();
    }

    private String token() throws IOException {
        if (tokenFile != null) {
            return Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        }
        String token = System.getenv("SLUICE_TOKEN");
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        String file = System.getenv("SLUICE_TOKEN_FILE");
        if (file != null && !file.isBlank()) {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        }
        String admin = System.getenv("SLUICE_ADMIN_TOKEN");
        if (admin != null && !admin.isBlank()) {
            return admin.strip();
        }
        Path local = Path.of("sluice-data", "admin-token");
        if (Files.exists(local)) {
            return Files.readString(local, StandardCharsets.UTF_8).strip();
        }
        throw new IOException("no token: pass --token-file, set SLUICE_TOKEN (or SLUICE_TOKEN_FILE), or run where"
                + " sluice-data/admin-token is");
    }

    /** What went wrong, in words: Java's connection errors often carry no message of their own. */
    static String cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String why = switch (t) {
                case java.net.http.HttpConnectTimeoutException timeout -> "no connection within the timeout";
                case java.net.ConnectException refused -> "connection refused (is the server running, on this port?)";
                case java.nio.channels.UnresolvedAddressException unknown -> "unknown host";
                case java.net.UnknownHostException unknown -> "unknown host " + unknown.getMessage();
                case java.net.http.HttpTimeoutException timeout -> "no answer within the timeout";
                default -> null;
            };
            if (why != null) {
                return why;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** Reads a password from a file's first line, or from standard input for {@code -}. */
    static String password(Path file) throws IOException {
        String text = file.toString().equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(file, StandardCharsets.UTF_8);
        String line = text.lines().findFirst().orElse("");
        if (line.isEmpty()) {
            throw new IOException("no password in " + (file.toString().equals("-") ? "standard input" : file));
        }
        return line;
    }

    /** The admin API path of a release, or of one file when {@code filename} is given. */
    static String target(String project, String version, String filename) {
        return filename != null ? "/admin/projects/" + segment(project) + "/files/" + segment(filename)
                : "/admin/projects/" + segment(project) + "/releases/" + segment(version);
    }

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%2B", "+");
    }
}
