package dev.sluice.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx serving a directory, as a static PEP 503 mirror does, or in front of a server as a reverse
 * proxy: started in the foreground with its own configuration and temp paths, on a free loopback port,
 * logging every request (with its Range) to a file.
 */
public final class Nginx implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path accessLog;

    private Nginx(Process process, int port, Path accessLog) {
        this.process = process;
        this.port = port;
        this.accessLog = accessLog;
    }

    public static Nginx serve(Path root, Path work) throws Exception {
        return serve(root, work, 0);
    }

    /** As {@link #serve(Path, Path)}, sending each response at most this fast (0: as fast as it can): a slow upstream. */
    public static Nginx serve(Path root, Path work, int bytesPerSecond) throws Exception {
        return start(work, port -> """
                server {
                    listen 127.0.0.1:%d;
                    root %s;
                    index index.html;
                    limit_rate %d;
                }
                """.formatted(port, root, bytesPerSecond));
    }

    /**
     * nginx as a reverse proxy in front of a server, forwarding every request with {@code X-Forwarded-For:
     * clientAddress}: what a proxy in front of Sluice sends for a client machine with that address.
     */
    public static Nginx reverseProxy(String upstreamBase, String clientAddress, Path work) throws Exception {
        return front(upstreamBase, "proxy_set_header X-Forwarded-For \"" + clientAddress + "\";", "", work);
    }

    /**
     * nginx in front of Sluice as {@code [server] accel-redirect} wants it: every request to Sluice, and an internal
     * location over the blob folder from which nginx sends the files Sluice hands over with {@code X-Accel-Redirect}.
     */
    public static Nginx acceleratedFront(String upstreamBase, String internalPrefix, Path blobFolder, Path work) throws Exception {
        return front(upstreamBase, "", """
                location %s {
                    internal;
                    alias %s/;
                    etag off;
                    add_header ETag $upstream_http_etag;
                }
                """.formatted(internalPrefix, blobFolder.toAbsolutePath()), work);
    }

    /** nginx passing every request to a server, with more directives for that location and more locations. */
    private static Nginx front(String upstreamBase, String moreProxyDirectives, String moreLocations, Path work) throws Exception {
        return start(work, port -> """
                server {
                    listen 127.0.0.1:%d;
                    location / {
                        proxy_pass %s;
                        proxy_set_header Host $http_host;
                        %s
                        proxy_buffering off;
                        client_max_body_size 0;
                    }
                    %s
                }
                """.formatted(port, upstreamBase, moreProxyDirectives, moreLocations));
    }

    /**
     * nginx as the load balancer in front of several servers (round robin), taking the next server when one does not
     * answer, and checking nothing else: what a deployment of several nodes puts in front of them.
     */
    public static Nginx balance(List<String> upstreamBases, Path work) throws Exception {
        StringBuilder servers = new StringBuilder();
        upstreamBases.forEach(b -> servers.append("        server ").append(b.replaceFirst("^http://", "")).append(" max_fails=1 fail_timeout=5s;\n"));
        return start(work, port -> """
                upstream nodes {
                %s
                }
                server {
                    listen 127.0.0.1:%d;
                    location / {
                        proxy_pass http://nodes;
                        proxy_set_header Host $http_host;
                        proxy_next_upstream error timeout http_502;
                        proxy_buffering off;
                        proxy_request_buffering off;
                        client_max_body_size 0;
                    }
                }
                """.formatted(servers, port));
    }

    private static Nginx start(Path work, java.util.function.IntFunction<String> serverBlock) throws Exception {
        Files.createDirectories(work);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path accessLog = work.resolve("access.log");
        String config = """
                daemon off;
                user root;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 256; }
                http {
                    types { text/html html; }
                    default_type application/octet-stream;
                    log_format ranged '$request $status $body_bytes_sent "$http_range"';
                    access_log %2$s ranged;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                %3$s
                }
                """.formatted(work, accessLog, serverBlock.apply(port));
        Path conf = work.resolve("nginx.conf");
        Files.writeString(conf, config);
        Process process = new ProcessBuilder("nginx", "-p", work.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited: " + Files.readString(work.resolve("nginx.out"))
                        + (Files.exists(work.resolve("error.log")) ? Files.readString(work.resolve("error.log")) : ""));
            }
            if (isListening(port)) {
                return new Nginx(process, port, accessLog);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("nginx did not start listening on " + port);
    }

    private static boolean isListening(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return probe.isConnected();
        } catch (IOException notYet) {
            return false;
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The access log's lines: "GET /path HTTP/1.1 STATUS BYTES \"RANGE\"". */
    public List<String> accessLog() throws IOException {
        return Files.exists(accessLog) ? Files.readAllLines(accessLog) : List.of();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
