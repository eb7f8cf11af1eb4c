package dev.sluice.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An upload sent by hand over a socket: headers announcing the whole body, then only part of it, so that a
 * test can break it off (close the socket) or kill the server while it is in flight.
 */
public final class SlowUpload implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final byte[] body;
    private int sent;

    public SlowUpload(int port, Multipart form, String token) throws IOException {
        this.body = form.body();
        this.socket = new Socket("127.0.0.1", port);
        this.out = socket.getOutputStream();
        String headers = "POST /legacy/ HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(("__token__:" + token).getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: " + form.contentType() + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        out.write(headers.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the next {@code fraction} of the body (0 to 1 of the whole). */
    public void send(double fraction) throws IOException {
        int end = (int) Math.min(body.length, sent + Math.round(body.length * fraction));
        out.write(Arrays.copyOfRange(body, sent, end));
        out.flush();
        sent = end;
    }

    public int bodyLength() {
        return body.length;
    }

    /** The answer: its status line and headers, then as much of the body as Content-Length gives (or none). */
    public String answer() throws IOException {
        String head = answerHead();
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (!length.find()) {
            return head;
        }
        byte[] body = socket.getInputStream().readNBytes(Integer.parseInt(length.group(1)));
        return head + new String(body, StandardCharsets.UTF_8);
    }

    /** The status line and headers of the answer, read until the blank line (or the end of the connection). */
    public String answerHead() throws IOException {
        socket.setSoTimeout(15_000);
        java.io.InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
