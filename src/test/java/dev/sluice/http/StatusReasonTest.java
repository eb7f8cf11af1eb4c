package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.SluiceHarness;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refusal's reason in the HTTP/1.1 status line, as it goes over the wire, from the simple API's Jetty handler and
 * from Javalin's endpoints alike; and only ever one safe line.
 */
class StatusReasonTest {
    @TempDir
    Path dir;

    private static String statusLineAndHeaders(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && !head.toString().endsWith("\r\n\r\n")) {
                head.append((char) b);
            }
            return head.toString();
        }
    }

    @Test
    void aRefusalsReasonIsTheStatusLinesPhrase() throws Exception {
        try (SluiceHarness sluice = SluiceHarness.start(dir.resolve("data"))) {
            int port = sluice.port();

            String simple = statusLineAndHeaders(port, "GET /simple/no-such-project/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String admin = statusLineAndHeaders(port, "GET /admin/users HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String served = statusLineAndHeaders(port, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            assertThat(simple).startsWith("HTTP/1.1 404 Not Found: ").contains("no-such-project");
            assertThat(admin).startsWith("HTTP/1.1 401 ");
            assertThat(admin.lines().findFirst().orElseThrow()).isNotEqualTo("HTTP/1.1 401 Unauthorized");
            assertThat(served).startsWith("HTTP/1.1 200 OK\r\n");
        }
    }

    @Test
    void aPhraseIsOnePrintableAsciiLineOfBoundedLength() {
        assertThat(StatusReason.phrase("Forbidden: 'caf\u00e9'\r\nSet-Cookie: x=1")).isEqualTo("Forbidden: 'caf?'  Set-Cookie: x=1");
        String longReason = "word ".repeat(200);
        assertThat(StatusReason.phrase(longReason)).hasSizeLessThanOrEqualTo(303).endsWith("...");
    }
}
